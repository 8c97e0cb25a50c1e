package uk.mashhub.consent.agency;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

interface AgencyRepository extends Repository<AgencyEntity, String> {

    List<AgencyEntity> findAllByOrderByNameAsc();

    Optional<AgencyEntity> findById(String id);

    boolean existsById(String id);

    AgencyEntity save(AgencyEntity agency);
}
