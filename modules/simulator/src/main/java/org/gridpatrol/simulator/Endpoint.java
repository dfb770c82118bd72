package org.gridpatrol.simulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where a node listens, from a URL such as {@code http://localhost:8080}.
 *
 * @param basePath path prefix without a trailing slash, usually empty
 */
record Endpoint(String host, int port, String basePath) {

  /** @throws IllegalArgumentException for anything but an http URL with a host */
  static Endpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an http://host:port URL, got " + url);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), path);
  }

  /** True if the host is this machine (127.0.0.0/8, ::1 or a name resolving there). */
  boolean isLoopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  String uri(String path) {
    return basePath + path;
  }

  @Override
  public String toString() {
    return "http://" + host + ":" + port + basePath;
  }
}
