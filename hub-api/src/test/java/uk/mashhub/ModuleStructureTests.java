package uk.mashhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(HubApplication.class);
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.mashhub");

    @Test
    void hasTheModulesTheDesignNames() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder("kernel", "audit", "consent", "ingest", "api");
    }

    @Test
    void modulesDependOneWayAndOnlyOnEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void modulesWriteTheirTablesWithPlainSqlNotAnObjectMapper() {
        // ADR 0021: every table is read and written with explicit SQL through JdbcClient
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.persistence..", "org.springframework.orm..", "org.springframework.data..")
                .check(HUB);
    }

    @Test
    void dependenciesAreInjectedThroughConstructors() {
        noFields().should().beAnnotatedWith(Autowired.class).check(HUB);
    }

    @Test
    void featureModulesKnowNothingOfTheWeb() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "uk.mashhub.kernel..", "uk.mashhub.audit..", "uk.mashhub.consent..", "uk.mashhub.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "uk.mashhub.api..")
                .check(HUB);
    }
}
