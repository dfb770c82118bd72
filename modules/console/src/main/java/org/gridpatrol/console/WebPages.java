package org.gridpatrol.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.gridpatrol.web.Routes;

/**
 * The browser pages: the login page at {@code /}, the control-room map at {@code /map/}, the handheld page at
 * {@code /m/}, the admin console at {@code /admin/}, and Leaflet from its WebJar at {@code /assets/leaflet/}.
 * The pages are public; everything they show comes from the API, which asks who is looking.
 */
public final class WebPages implements Routes {
  /** The WebJar's files sit under its version; the version comes from the WebJar's own Maven properties. */
  private static final String LEAFLET = "META-INF/resources/webjars/leaflet/" + webJarVersion("leaflet") + "/dist";

  @Override
  public void mount(Router router) {
    router.get("/assets/leaflet/*").handler(StaticHandler.create(LEAFLET));
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
  }

  private static String webJarVersion(String name) {
    String file = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is not on the class path: the " + name + " WebJar is missing");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
