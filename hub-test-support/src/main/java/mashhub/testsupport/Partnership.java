package mashhub.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts the Northshire partner agencies in a test database — the four of the demo partnership and a
 * housing agency that is party to no agreement — so that tests can act for them. Idempotent.
 */
public final class Partnership {

    private Partnership() {}

    public static void register(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO consent.agency (id, name, type, status) VALUES
                  ('northshire-police', 'Northshire Police', 'POLICE', 'ACTIVE'),
                  ('northshire-childrens-services', 'Northshire Children''s Services', 'CHILDRENS_SOCIAL_CARE', 'ACTIVE'),
                  ('northshire-health', 'Northshire Integrated Care Board', 'HEALTH', 'ACTIVE'),
                  ('northshire-education', 'Northshire Schools Partnership', 'EDUCATION', 'ACTIVE'),
                  ('northshire-housing', 'Northshire Homes', 'HOUSING', 'ACTIVE')
                ON CONFLICT (id) DO NOTHING""").update();
    }
}
