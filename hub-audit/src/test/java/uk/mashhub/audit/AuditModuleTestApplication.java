package uk.mashhub.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the audit module on its own, with only its changelog, for its integration tests. */
@SpringBootApplication
class AuditModuleTestApplication {}
