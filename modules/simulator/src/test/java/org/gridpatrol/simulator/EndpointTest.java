package org.gridpatrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void parsesHostPortAndPath() {
    assertEquals(new Endpoint("localhost", 8080, ""), Endpoint.parse("http://localhost:8080"));
    assertEquals(new Endpoint("127.0.0.1", 18080, ""), Endpoint.parse("http://127.0.0.1:18080/"));
    assertEquals(new Endpoint("gp.example", 80, "/patrol"), Endpoint.parse("http://gp.example/patrol/"));
  }

  @Test
  void buildsRequestUrisUnderTheBasePath() {
    assertEquals("/patrol/ready", Endpoint.parse("http://gp.example/patrol").uri("/ready"));
    assertEquals("/ready", Endpoint.parse("http://localhost:8080").uri("/ready"));
    assertEquals("http://localhost:8080", Endpoint.parse("http://localhost:8080/").toString());
  }

  @Test
  void tellsTheLoopbackFromOtherHosts() {
    assertTrue(Endpoint.parse("http://127.0.0.1:18080").isLoopback());
    assertTrue(Endpoint.parse("http://localhost:8080").isLoopback());
    assertTrue(Endpoint.parse("http://[::1]:8080").isLoopback());
    assertFalse(Endpoint.parse("http://10.1.2.3:8080").isLoopback());
    assertFalse(Endpoint.parse("http://192.168.0.1").isLoopback());
  }

  @Test
  void acceptsOnlyHttpUrls() {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("localhost:8080"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("https://localhost:8443"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("http://"));
  }
}
