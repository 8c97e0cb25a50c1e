package uk.mashhub.audit;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the disclosure topic so that it exists, with the configured partitions and replicas,
 * before the first audit event is relayed to it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DisclosureStreamProperties.class)
class DisclosureStream {

    @Bean
    NewTopic disclosureTopic(DisclosureStreamProperties stream) {
        return TopicBuilder.name(stream.topic())
                .partitions(stream.partitions())
                .replicas(stream.replicas())
                .build();
    }
}
