// stats_edges: how many edges of each type the store holds
// params: none
MATCH ()-[e:HOLDS]->() RETURN 'HOLDS' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:OF]->() RETURN 'OF' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:PART_OF]->() RETURN 'PART_OF' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:LOCATED_IN]->() RETURN 'LOCATED_IN' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:ISSUED]->() RETURN 'ISSUED' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:IMPLEMENTS]->() RETURN 'IMPLEMENTS' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:STEERS]->() RETURN 'STEERS' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:RESPONSIBLE_FOR]->() RETURN 'RESPONSIBLE_FOR' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:UNDER]->() RETURN 'UNDER' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:CHAIRED]->() RETURN 'CHAIRED' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:ATTENDED]->() RETURN 'ATTENDED' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:CONCERNS]->() RETURN 'CONCERNS' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:DIRECTED]->() RETURN 'DIRECTED' AS type, count(e) AS count
UNION ALL
MATCH ()-[e:MENTIONS]->() RETURN 'MENTIONS' AS type, count(e) AS count
