package org.gridpatrol.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Starts this node's clustered Vert.x on Hazelcast, configured from {@link NodeConfig.ClusterConfig}. */
final class Cluster {
  private Cluster() {}

  static Future<Vertx> start(NodeConfig.ClusterConfig cluster, MeterRegistry registry, HazelcastClusterManager manager) {
    String host = cluster.host();
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions()
            .setHost(host)
            .setClusterPublicHost(host)
            .setPort(cluster.eventBusPort()))
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    return Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(manager)
        .buildClustered();
  }

  /**
   * Vert.x's default Hazelcast configuration (it sets up the maps Vert.x needs) with our network: TCP-IP join
   * to the configured members, multicast and auto-detection off, and failure detection in seconds.
   */
  static Config hazelcastConfig(NodeConfig.ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(cluster.heartbeatSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.failureSeconds()));
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    // A lone node should not wait the default 5 s for others before it serves.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
