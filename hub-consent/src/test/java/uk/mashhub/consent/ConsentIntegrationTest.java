package uk.mashhub.consent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import mashhub.testsupport.InfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The consent module (with audit) on real PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ConsentModuleTestApplication.class)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface ConsentIntegrationTest {}
