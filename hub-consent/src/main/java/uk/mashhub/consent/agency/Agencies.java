package uk.mashhub.consent.agency;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.NotFound;

/** The partner agencies of the hub. */
@Component
@Transactional(readOnly = true)
public class Agencies {

    private final AgencyRepository repository;

    Agencies(AgencyRepository repository) {
        this.repository = repository;
    }

    /** Every agency, active or not, ordered by name. */
    public List<Agency> all() {
        return repository.findAllByOrderByNameAsc().stream()
                .map(AgencyEntity::toAgency)
                .toList();
    }

    public Optional<Agency> find(AgencyId id) {
        return repository.findById(id.value()).map(AgencyEntity::toAgency);
    }

    /** The agency with this id; {@link NotFound} when there is none. */
    public Agency get(AgencyId id) {
        return find(id).orElseThrow(() -> new NotFound("agency"));
    }
}
