package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DisclosureStreamPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Configured.class);

    @EnableConfigurationProperties(DisclosureStreamProperties.class)
    static class Configured {}

    @Test
    void defaultsToOneOrderedPartition() {
        context.run(started -> assertThat(started.getBean(DisclosureStreamProperties.class))
                .isEqualTo(new DisclosureStreamProperties("mash-hub.disclosures", 1, (short) 1)));
    }

    @Test
    void takesPartitionsAndReplicasFromConfiguration() {
        context.withPropertyValues("hub.audit.stream.partitions=3", "hub.audit.stream.replicas=3")
                .run(started -> assertThat(started.getBean(DisclosureStreamProperties.class)
                                .replicas())
                        .isEqualTo((short) 3));
    }

    @Test
    void refusesZeroPartitions() {
        assertThatThrownBy(() -> new DisclosureStreamProperties("t", 0, (short) 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
