package uk.mashhub.consent.agency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import uk.mashhub.kernel.AgencyId;

@Entity
@Table(schema = "consent", name = "agency")
class AgencyEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgencyType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgencyStatus status;

    @Version
    private long version;

    protected AgencyEntity() {
        // for JPA
    }

    AgencyEntity(Agency agency) {
        this.id = agency.id().value();
        apply(agency);
    }

    void apply(Agency agency) {
        this.name = agency.name();
        this.type = agency.type();
        this.status = agency.status();
    }

    Agency toAgency() {
        return new Agency(new AgencyId(id), name, type, status);
    }
}
