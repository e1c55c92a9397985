import type { Migration } from '../migration';

// An IP lookup lists the devices an address is on by name, a page at a time (issue #16). A
// private address reused by every client sits on hundreds of devices at 1M records, and ordering
// them by name read every one's configuration row: ~2 ms when those pages were cached, 10–80 ms
// when not. An interface now carries its configuration's name and organization, kept by the
// triggers below whichever side is written first or changes, so the address index alone holds
// the page order and the counts; only the rows a page shows are read. A configuration row exists
// only while its record is live, so an interface whose configuration is gone has no name and no
// page shows it (the lookup's old join to configurations did the same).
export const interfaceOwners: Migration = {
  version: 18,
  name: 'interface-owners',
  up(db) {
    db.exec(`
      ALTER TABLE interfaces ADD COLUMN configuration_name TEXT;
      ALTER TABLE interfaces ADD COLUMN configuration_org_id INTEGER;
      UPDATE interfaces SET (configuration_name, configuration_org_id) = (SELECT c.name, c.org_id FROM configurations c WHERE c.id = interfaces.configuration_id);

      DROP INDEX interfaces_ip_num;
      DROP INDEX interfaces_ip6;
      CREATE INDEX interfaces_ip_num ON interfaces(ip_num, configuration_name, configuration_id, configuration_org_id) WHERE ip_num IS NOT NULL;
      CREATE INDEX interfaces_ip6 ON interfaces(ip6, configuration_name, configuration_id, configuration_org_id) WHERE ip6 IS NOT NULL;
      DROP INDEX configurations_primary_ip_num;
      CREATE INDEX configurations_primary_ip_num ON configurations(primary_ip_num, name, id, org_id) WHERE primary_ip_num IS NOT NULL;
      -- a primary IPv6 is kept as typed and was found by scanning every configuration
      CREATE INDEX configurations_primary_ip6 ON configurations(lower(primary_ip), name, id, org_id) WHERE primary_ip_num IS NULL AND primary_ip IS NOT NULL;

      CREATE TRIGGER interfaces_owner_insert AFTER INSERT ON interfaces BEGIN
        UPDATE interfaces SET (configuration_name, configuration_org_id) = (SELECT c.name, c.org_id FROM configurations c WHERE c.id = new.configuration_id) WHERE id = new.id;
      END;
      CREATE TRIGGER interfaces_owner_move AFTER UPDATE OF configuration_id ON interfaces WHEN old.configuration_id IS NOT new.configuration_id BEGIN
        UPDATE interfaces SET (configuration_name, configuration_org_id) = (SELECT c.name, c.org_id FROM configurations c WHERE c.id = new.configuration_id) WHERE id = new.id;
      END;
      CREATE TRIGGER configurations_owner_insert AFTER INSERT ON configurations BEGIN
        UPDATE interfaces SET configuration_name = new.name, configuration_org_id = new.org_id WHERE configuration_id = new.id;
      END;
      CREATE TRIGGER configurations_owner_update AFTER UPDATE OF name, org_id ON configurations WHEN old.name IS NOT new.name OR old.org_id IS NOT new.org_id BEGIN
        UPDATE interfaces SET configuration_name = new.name, configuration_org_id = new.org_id WHERE configuration_id = new.id;
      END;
      CREATE TRIGGER configurations_owner_delete AFTER DELETE ON configurations BEGIN
        UPDATE interfaces SET configuration_name = NULL, configuration_org_id = NULL WHERE configuration_id = old.id;
      END;
    `);
  },
};
