-- Every ingested layer with how many of its features lie within $2 m of flight $1's track.
SELECT l.file_name, l.sha256, l.format, l.feature_count, l.attribution,
       (SELECT count(DISTINCT f.feature_pk)
        FROM flights fl
        JOIN infra_parts p ON ST_DWithin(p.geom::geography, ST_Force2D(fl.track)::geography, $2)
        JOIN infra_features f ON f.feature_pk = p.feature_pk
        WHERE fl.flight_id = $1 AND f.layer_id = l.layer_id) AS near
FROM layers l
ORDER BY l.layer_id
