package uk.mashhub.consent;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the consent module on its own, with only its own changelog, for its integration tests. */
@SpringBootApplication
class ConsentModuleTestApplication {}
