package uk.mashhub.consent;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Puts the Northshire agencies (and a housing agency that is party to nothing) in the database. */
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
