#!/usr/bin/env bash
# Side-by-side: the same boundaries, points and polygons loaded into PostgreSQL + PostGIS (Debian packages, loopback,
# a throw-away cluster) and into AlertHub's geo library, the same queries timed in the same run, ratios printed.
#   bash benchmarks/postgis/run.sh [points] [polygon-vertices]
# Installs postgresql and postgis with apt-get if missing (needs root or sudo). Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/../.."
POINTS=${1:-200000}
VERTICES=${2:-2000}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || ! command -v bc >/dev/null; then
  echo "== installing PostgreSQL, PostGIS and bc (Debian packages)"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql postgis bc >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

WORK=$(mktemp -d /tmp/alerthub-postgis.XXXXXX)
chmod 755 "$WORK"
PORT=55432
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
cleanup() {
  as_postgres "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== exporting the shipped boundaries, $POINTS points and 200 polygons of $VERTICES vertices"
dotnet build benchmarks/Alert.Benchmarks -c Release -v quiet -nologo >/dev/null
BENCH="dotnet run -c Release --no-build --project benchmarks/Alert.Benchmarks --"
$BENCH export-areas "$WORK/areas.csv"
$BENCH export-points "$WORK/points.csv" "$POINTS"
$BENCH export-polygons "$WORK/polygons.csv" "$VERTICES"
chmod 644 "$WORK"/*.csv

echo "== starting a PostgreSQL cluster on 127.0.0.1:$PORT"
mkdir -p "$WORK/data" "$WORK/socket" && chown postgres "$WORK/data" "$WORK/socket"
as_postgres "$PGBIN/initdb" -D "$WORK/data" -A trust -U postgres >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$WORK/data" -o "-p $PORT -k $WORK/socket -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=64MB" -w start >/dev/null
PSQL="$PGBIN/psql -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 -q -X"

$PSQL <<SQL
CREATE EXTENSION postgis;
CREATE TABLE areas (code text, population bigint, wkt text);
\copy areas FROM '$WORK/areas.csv' CSV HEADER
ALTER TABLE areas ADD COLUMN geom geometry(Geometry, 4326);
UPDATE areas SET geom = ST_GeomFromText(wkt, 4326);
CREATE INDEX areas_geom ON areas USING gist (geom);
CREATE TABLE points (id int, lat double precision, lon double precision);
\copy points FROM '$WORK/points.csv' CSV HEADER
ALTER TABLE points ADD COLUMN geom geometry(Point, 4326);
UPDATE points SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
CREATE TABLE polygons (id int, wkt text);
\copy polygons FROM '$WORK/polygons.csv' CSV HEADER
ALTER TABLE polygons ADD COLUMN geom geometry(Polygon, 4326);
UPDATE polygons SET geom = ST_GeomFromText(wkt, 4326);
VACUUM ANALYZE;
SQL

now() { date +%s.%N; }
echo "== point → municipality: PostGIS (GiST index, ST_Covers, parallel query allowed)"
START=$(now)
FOUND=$($PSQL -t -A -c "SELECT count(*) FROM points p JOIN LATERAL (SELECT code FROM areas a WHERE ST_Covers(a.geom, p.geom) LIMIT 1) x ON true")
PG_SECONDS=$(echo "$(now) - $START" | bc -l)
PG_RATE=$(echo "$POINTS / $PG_SECONDS" | bc -l)
printf "postgis locate: %d points, %d in a municipality, %.3f s, %.0f lookups/s\n" "$POINTS" "$FOUND" "$PG_SECONDS" "$PG_RATE"
AH=$($BENCH locate-file "$WORK/points.csv")
echo "$AH"
AH_RATE=$(echo "$AH" | sed -n 's/.*s, \([0-9]*\) lookups\/s/\1/p')

echo "== polygon → municipalities with overlap and population: PostGIS (ST_Intersection, geography areas)"
START=$(now)
ROWS=$($PSQL -t -A -c "SELECT count(*) FROM (SELECT p.id, a.code, ST_Area(ST_Intersection(a.geom, p.geom)::geography) / ST_Area(p.geom::geography) AS overlap, a.population * ST_Area(ST_Intersection(a.geom, p.geom)::geography) / ST_Area(a.geom::geography) AS people FROM polygons p JOIN areas a ON ST_Intersects(a.geom, p.geom)) x WHERE overlap > 0")
PG_MATCH=$(echo "($(now) - $START) * 1000 / 200" | bc -l)
printf "postgis match: 200 polygons, %d area rows, %.3f ms per polygon\n" "$ROWS" "$PG_MATCH"
AHM=$($BENCH match-file "$WORK/polygons.csv")
echo "$AHM"
AH_MATCH=$(echo "$AHM" | sed -n 's/.*rows, \([0-9.]*\) ms per polygon/\1/p')

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $($PGBIN/postgres --version), PostGIS $($PSQL -t -A -c 'SELECT postgis_lib_version()')"
printf "point → municipality: AlertHub / PostGIS = %.1f× the lookups per second\n" "$(echo "$AH_RATE / $PG_RATE" | bc -l)"
printf "polygon (%d vertices) → municipalities: PostGIS / AlertHub = %.1f× the time per polygon\n" "$VERTICES" "$(echo "$PG_MATCH / $AH_MATCH" | bc -l)"
