// chain_person: one step of the chain around people: events they chaired or attended and bodies they directed (their posts come from roles_of)
// params: ids (list of Person ids)
MATCH (p:Person)-[e:CHAIRED]->(v:Event) WHERE p.id IN $ids
RETURN p.id AS src, 'chaired' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (p:Person)-[e:ATTENDED]->(v:Event) WHERE p.id IN $ids
RETURN p.id AS src, 'attended' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (p:Person)-[e:DIRECTED]->(a:Agency) WHERE p.id IN $ids
RETURN p.id AS src, 'directed' AS step, a.id AS id, 'Agency' AS label, a.name AS name, e.verb AS kind,
       '' AS issuer, '' AS term, a.place AS place, e.instruction AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
