// post_history: for each post of the given agencies, everyone seen in it with first and last seen dates (or 'on or before' bounds) and status, oldest first, undated last
// params: agency_ids (list of Agency ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE a.id IN $agency_ids
RETURN a.id AS agency_id, a.name AS agency, r.id AS role_id, r.rank AS rank, r.title AS title,
       p.id AS person_id, p.name AS person, h.status AS status, h.status_basis AS status_basis,
       h.status_article AS status_article,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.as_of AS as_of,
       h.first_bound AS first_bound, h.last_bound AS last_bound, h.held_from AS held_from,
       h.held_to AS held_to,
       h.source_articles AS articles, h.source_sentence_ids AS sentences, h.source_statuses AS statuses,
       h.source_zones AS zones, h.source_starts AS offsets, h.source_stated_on AS stated
ORDER BY CASE r.rank WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, title, role_id,
         CASE WHEN h.first_seen IS NULL AND h.first_bound IS NULL THEN 1 ELSE 0 END,
         coalesce(h.first_seen, h.first_bound), coalesce(h.last_seen, h.last_bound), person
