// post_holders: everyone seen in the given posts, with what judging their standing at a date takes (the articles and what each says), without the sentences
// params: role_ids (list of Role ids)
MATCH (p:Person)-[h:HOLDS]->(r:Role)-[:OF]->(a:Agency)
WHERE r.id IN $role_ids
RETURN a.id AS agency_id, r.id AS role_id, r.rank AS rank, r.title AS title,
       p.id AS person_id, p.name AS person, h.source_articles AS articles, h.source_statuses AS statuses,
       h.source_zones AS zones, h.source_starts AS offsets, h.source_stated_on AS stated
ORDER BY role_id, person_id
