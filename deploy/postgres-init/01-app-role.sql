-- The hub's application role: logs in, reads and writes the modules' tables, owns nothing.
-- Liquibase (as mash_hub, the owner) grants it what it needs; the audit log only INSERT and SELECT.
CREATE ROLE mash_hub_app LOGIN PASSWORD 'mash_hub_app';
