// all_roles: every person-post fact in the store (what `govkg roles --all` prints), with dates (or 'on or before' bounds) and sources
// params: none
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
RETURN p.id AS person_id, p.name AS person, r.id AS role_id, r.title AS title, r.rank AS rank,
       a.id AS agency_id, a.name AS organization, a.full_name AS organization_full,
       h.status AS status, h.status_basis AS status_basis, h.status_article AS status_article,
       h.as_of AS as_of, h.first_seen AS first_seen, h.last_seen AS last_seen,
       h.first_bound AS first_bound, h.last_bound AS last_bound, h.held_from AS held_from,
       h.held_to AS held_to,
       h.confidence AS confidence, h.source_articles AS articles, h.source_sentence_ids AS sentences,
       h.source_zones AS zones, h.source_statuses AS statuses, h.source_starts AS offsets,
       h.source_stated_on AS stated
ORDER BY person, person_id, organization, title, agency_id, role_id
