package mashhub.local;

import mashhub.testsupport.identity.DemoPartnership;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads the demo partnership into the local run's database; loading twice changes nothing.
 *
 * <p>Agencies are written straight into the consent module's table because the module has no API
 * to register them yet; once it has, this goes through that API (and its audit events).
 */
@Configuration(proxyBeanMethods = false)
class DemoData {

    @Bean
    ApplicationRunner loadDemoPartnership(JdbcClient jdbc) {
        return arguments -> {
            for (var agency : DemoPartnership.AGENCIES) {
                jdbc.sql("""
                                INSERT INTO consent.agency (id, name, type, status)
                                VALUES (:id, :name, :type, 'ACTIVE')
                                ON CONFLICT (id) DO NOTHING""")
                        .param("id", agency.id())
                        .param("name", agency.name())
                        .param("type", agency.type())
                        .update();
            }
        };
    }
}
