// article_times: when the given articles were published: date, or only a date_upper bound (on or before), and where it came from
// params: ids (list of Article ids)
MATCH (a:Article) WHERE a.id IN $ids
RETURN a.id AS id, a.date AS date, a.date_upper AS date_upper, a.date_source AS date_source
