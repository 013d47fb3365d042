// all_article_times: when every stored article was published: date, or only a date_upper bound (on or before), and where it came from
// params: none
MATCH (a:Article)
RETURN a.id AS id, a.date AS date, a.date_upper AS date_upper, a.date_source AS date_source
