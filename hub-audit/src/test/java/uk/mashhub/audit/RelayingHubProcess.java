package uk.mashhub.audit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub instance in a JVM of its own, for a test to kill with SIGKILL: it relays the audit log and
 * keeps auditing two events per transaction until it dies. Arguments are Spring settings.
 */
final class RelayingHubProcess {

    private RelayingHubProcess() {}

    public static void main(String[] args) {
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(AuditModuleTestApplication.class).run(args);
        System.out.println("RELAYING-HUB-STARTED");
        while (true) {
            AuditInstances.log(hub, 2);
        }
    }
}
