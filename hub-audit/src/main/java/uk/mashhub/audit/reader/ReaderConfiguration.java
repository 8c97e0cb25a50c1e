package uk.mashhub.audit.reader;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.AuditLog;
import uk.mashhub.audit.ChainVerifier;
import uk.mashhub.audit.DisclosureStreamProperties;
import uk.mashhub.audit.Pseudonyms;

/**
 * Wires the auditor read model. It keeps its tables in schema {@code audit_read} of the hub's
 * database unless {@code hub.audit.reader.datasource.url} names a database of its own, which it
 * then migrates itself (the read model needs nothing of the hub's tables).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaderProperties.class)
class ReaderConfiguration {

    static final String CHANGELOG = "classpath:db/audit-read/changelog.yaml";

    @Bean
    ReadModel readModel(ReaderProperties properties, DataSource hubDatabase, Environment environment) {
        DataSource database = hubDatabase;
        ReaderProperties.Datasource own = properties.datasource();
        if (own.separate()) {
            HikariDataSource separate = new HikariDataSource();
            separate.setPoolName("audit-reader");
            separate.setJdbcUrl(own.url());
            separate.setUsername(own.username());
            separate.setPassword(own.password());
            separate.setMaximumPoolSize(8);
            migrate(separate, environment);
            database = separate;
        }
        JdbcTemplate jdbc = new JdbcTemplate(database);
        return new ReadModel(jdbc, new TransactionTemplate(new JdbcTransactionManager(database)));
    }

    private static void migrate(DataSource database, Environment environment) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(database);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setChangeLogParameters(
                Map.of("app_role", environment.getProperty("spring.liquibase.parameters.app_role", "mash_hub_app")));
        try {
            liquibase.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("cannot migrate the auditor read model's database", e);
        }
    }

    @Bean
    DisclosureLog disclosureLog(
            ReadModel readModel,
            Pseudonyms pseudonyms,
            ReaderProperties properties,
            PlatformTransactionManager transactions,
            AuditLog auditLog,
            ApplicationEventPublisher events,
            JsonMapper json,
            ObjectProvider<Clock> clock) {
        return new DisclosureLog(
                readModel,
                pseudonyms,
                properties,
                new TransactionTemplate(transactions),
                auditLog,
                events,
                json,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DisclosureExports disclosureExports(DisclosureLog log, ReadModel readModel, JsonMapper json) {
        return new DisclosureExports(log, readModel, json);
    }

    @Bean
    Reconciliation reconciliation(ReadModel readModel, AuditChain chain, DisclosureLog log) {
        return new Reconciliation(readModel, chain, log);
    }

    @Bean
    StreamReader streamReader(
            ReadModel readModel,
            KafkaProperties kafka,
            DisclosureStreamProperties stream,
            ReaderProperties properties,
            AuditChain chain,
            JsonMapper json,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        List<PublicKey> trusted = properties.trustedCheckpointKeys().isEmpty()
                ? chain.trustedCheckpointKeys()
                : properties.trustedCheckpointKeys().stream()
                        .map(ChainVerifier::trustedKey)
                        .toList();
        return new StreamReader(
                readModel,
                kafka,
                stream.topic(),
                properties,
                trusted,
                json,
                clock.getIfAvailable(Clock::systemUTC),
                Objects.requireNonNull(meters.getIfAvailable(SimpleMeterRegistry::new)));
    }
}
