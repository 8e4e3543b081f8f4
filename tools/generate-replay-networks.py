#!/usr/bin/env python3
"""Generates the two networks that go with the real data sets of `roadstream replay`:

    python3 tools/generate-replay-networks.py [path/to/shared/data]

writes roadstream-core/src/main/resources/networks/us101-n-pems.geojson and ngsim-peachtree.geojson. The data
folder (default ../shared/data, relative to the repository root) is read for the Peachtree geometry. The output is
deterministic, so the generated files are committed and reviewed like code; change this script, not the files.
networks/README.md (next to the files) says where every number comes from.

us101-n-pems: US-101 northbound, the four PeMS mainline stations of shared/data/pems, one segment per station,
upstream to downstream 401834 -> 401833 -> 404532 -> 404531, each as long as its PeMS "Station Length". PeMS gives
no coordinates: the line is schematic, straight and due north from a point on US-101 in San Mateo county.

ngsim-peachtree: Peachtree Street (Atlanta) between 10th and 14th Streets, northbound and southbound, one segment per
NGSIM section and direction (section 1 south of 10th St, 2..5 between the intersections, 6 north of 14th St).
Where the sample has vehicles (section 1, the 20 m before the 10th St stop line) the geometry is fitted to their
Global_X/Global_Y (Georgia West State Plane, US survey feet, EPSG:2240): the direction of travel, each carriageway's
lateral position and the northbound stop line at 10th St. North of that the blocks are schematic: the NGSIM study
area is about 2100 ft (640 m) from 10th to 14th St, drawn as four equal blocks along the fitted direction.
"""

import csv
import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "roadstream-core", "src", "main", "resources", "networks")
EARTH_RADIUS_M = 6_371_008.8  # LonLat.distanceTo's radius, so geometric lengths agree with the loader
MILE_M = 1609.344
US_FT_M = 1200.0 / 3937.0


# ------------------------------------------------------------------ Georgia West (EPSG:2240) inverse projection
# Transverse Mercator, EPSG Guidance Note 7-2 series; the same formulas as core's TransverseMercator, written
# again here so the generator needs no Java and no pyproj.
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)
EP2 = E2 / (1 - E2)
LAT0 = math.radians(30.0)
LON0 = math.radians(-(84 + 10 / 60))
K0 = 0.9999
FE = 700000.0


def meridian_arc(phi):
    e4, e6 = E2 * E2, E2 ** 3
    return A * ((1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
                - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * math.sin(2 * phi)
                + (15 * e4 / 256 + 45 * e6 / 1024) * math.sin(4 * phi)
                - (35 * e6 / 3072) * math.sin(6 * phi))


def georgia_west_to_lonlat(x_ft, y_ft):
    e, n = x_ft * US_FT_M, y_ft * US_FT_M
    m1 = meridian_arc(LAT0) + n / K0
    mu = m1 / (A * (1 - E2 / 4 - 3 * E2 ** 2 / 64 - 5 * E2 ** 3 / 256))
    e1 = (1 - math.sqrt(1 - E2)) / (1 + math.sqrt(1 - E2))
    phi1 = (mu + (3 * e1 / 2 - 27 * e1 ** 3 / 32) * math.sin(2 * mu)
            + (21 * e1 ** 2 / 16 - 55 * e1 ** 4 / 32) * math.sin(4 * mu)
            + (151 * e1 ** 3 / 96) * math.sin(6 * mu) + (1097 * e1 ** 4 / 512) * math.sin(8 * mu))
    t1 = math.tan(phi1) ** 2
    c1 = EP2 * math.cos(phi1) ** 2
    w = 1 - E2 * math.sin(phi1) ** 2
    nu1 = A / math.sqrt(w)
    rho1 = A * (1 - E2) / w ** 1.5
    d = (e - FE) / (nu1 * K0)
    phi = phi1 - (nu1 * math.tan(phi1) / rho1) * (
        d ** 2 / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 ** 2 - 9 * EP2) * d ** 4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1 ** 2 - 252 * EP2 - 3 * c1 ** 2) * d ** 6 / 720)
    lam = LON0 + (d - (1 + 2 * t1 + c1) * d ** 3 / 6
                  + (5 - 2 * c1 + 28 * t1 - 3 * c1 ** 2 + 8 * EP2 + 24 * t1 ** 2) * d ** 5 / 120) / math.cos(phi1)
    return [round(math.degrees(lam), 7), round(math.degrees(phi), 7)]


def feature(geometry, properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def line(coordinates):
    return {"type": "LineString", "coordinates": coordinates}


def point(coordinate):
    return {"type": "Point", "coordinates": coordinate}


def write(name, description, features):
    lines = ['{"type": "FeatureCollection",', ' "name": ' + json.dumps(name) + ",",
             ' "generator": "tools/generate-replay-networks.py",',
             ' "description": ' + json.dumps(description, ensure_ascii=False) + ",", ' "features": [']
    lines.append(",\n".join("  " + json.dumps(f, ensure_ascii=False, separators=(", ", ": ")) for f in features))
    lines.append(" ]}")
    with open(os.path.join(OUT, name + ".geojson"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ US-101 northbound, PeMS stations
# upstream -> downstream, with PeMS Station Length (miles) and lane count
PEMS_STATIONS = [("401834", 4, 0.225), ("401833", 5, 0.445), ("404532", 5, 0.37), ("404531", 5, 0.215)]
US101_START = (-122.2995, 37.5530)  # on US-101 near the SR-92 interchange, San Mateo (schematic start)
US101_FREE_FLOW_KMH = 105  # 65 mph, the posted limit and PeMS's reference speed for delay on this freeway


def north_of(lonlat, metres):
    return [lonlat[0], round(lonlat[1] + math.degrees(metres / EARTH_RADIUS_M), 7)]


def us101():
    features = []
    start = list(US101_START)
    ids = ["US101-N-" + s[0] for s in PEMS_STATIONS]
    for i, (station, lanes, miles) in enumerate(PEMS_STATIONS):
        length = miles * MILE_M
        end = north_of(start, length)
        props = {"kind": "segment", "id": ids[i], "name": "US-101 N", "roadClass": "motorway", "lanes": lanes,
                 "freeFlowKmh": US101_FREE_FLOW_KMH, "lengthM": round(length, 1)}
        if i + 1 < len(ids):
            props["downstream"] = [ids[i + 1]]
        features.append(feature(line([start, end]), props))
        features.append(feature(point(north_of(start, length / 2)),
                                {"kind": "detector", "id": station, "segment": ids[i], "offsetM": round(length / 2, 1)}))
        start = end
    write("us101-n-pems",
          "US-101 northbound, San Mateo county: the four PeMS mainline stations of shared/data/pems, one segment per "
          "station, each as long as its PeMS Station Length; detector id = station id, at the middle. Order "
          "upstream to downstream 401834, 401833, 404532, 404531, derived from flow conservation (daily total flow "
          "on 2022-11-22 rises in this order, 68.4k, 89.2k, 96.7k, 98.2k vehicles, as on-ramps add traffic) and "
          "the 2022-10-04 PM queue (deepest at 401834 and 401833, upstream of a bottleneck near the last two). "
          "Coordinates are schematic: PeMS gives none, so the line runs straight north from a point on US-101 in "
          "San Mateo. freeFlowKmh 105 = 65 mph, the posted limit.", features)


# ------------------------------------------------------------------ Peachtree Street, NGSIM
CROSS_STREETS = ["10th Street", "11th Street", "12th Street", "13th Street", "14th Street"]
STOP_LINE_SPACING_M = 640.0 / 4  # the ~2100 ft study area from 10th to 14th St, four equal (schematic) blocks
JUNCTION_WIDTH_M = 25.0  # stop line to far kerb line: four lanes of Peachtree plus crosswalks
END_SECTION_M = 100.0  # sections 1 and 6, outside the study area's intersections
PEACHTREE = dict(roadClass="arterial", lanes=2, freeFlowKmh=56)  # 35 mph posted


def read_ngsim(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if r["Section_ID"].startswith("1") and r["Int_ID"].startswith("0")]


def fit_peachtree(rows):
    """Direction of travel (unit vector), NB stop line at 10th St and each carriageway's lateral offset, in feet."""
    tracks = {}
    for r in rows:
        if r["Direction"].startswith("2"):
            key = (r["Vehicle_ID"], int(r["Global_Time"]) - 100 * int(r["Frame_ID"]))
            tracks.setdefault(key, []).append((int(r["Frame_ID"]), float(r["Global_X"]), float(r["Global_Y"])))
    dx = dy = 0.0
    for points in tracks.values():
        points.sort()
        if math.hypot(points[-1][1] - points[0][1], points[-1][2] - points[0][2]) > 30:  # moved: a direction
            dx += points[-1][1] - points[0][1]
            dy += points[-1][2] - points[0][2]
    norm = math.hypot(dx, dy)
    u = (dx / norm, dy / norm)
    n = (u[1], -u[0])  # to the right of northbound
    xs = [(float(r["Global_X"]), float(r["Global_Y"]), r["Direction"][0], r["Lane_ID"]) for r in rows]
    origin = (xs[0][0], xs[0][1])

    def along(p):
        return (p[0] - origin[0]) * u[0] + (p[1] - origin[1]) * u[1]

    def lateral(p):
        return (p[0] - origin[0]) * n[0] + (p[1] - origin[1]) * n[1]

    stop_line = max(along(p) for p in xs if p[2] == "2")  # the front of the first car waiting at 10th St
    through = lambda d: sorted(lateral(p) for p in xs if p[2] == d and p[3] in ("1", "2"))
    median = lambda v: v[len(v) // 2]
    return u, origin, stop_line, median(through("2")), median(through("4"))


def peachtree(data_dir):
    rows = read_ngsim(os.path.join(data_dir, "ngsim", "NGSIM_peachtree_sample.csv"))
    u, origin, stop_line_ft, nb_lat_ft, sb_lat_ft = fit_peachtree(rows)
    n = (u[1], -u[0])

    def at(along_m, lateral_ft):
        s = stop_line_ft + along_m / US_FT_M
        return georgia_west_to_lonlat(origin[0] + s * u[0] + lateral_ft * n[0], origin[1] + s * u[1] + lateral_ft * n[1])

    nb_stop = [k * STOP_LINE_SPACING_M for k in range(5)]  # along-metres of the NB stop line at intersection k+1
    sb_stop = [s + JUNCTION_WIDTH_M for s in nb_stop]  # southbound waits on the far (north) side
    features = []
    nb_bounds = [nb_stop[0] - END_SECTION_M] + nb_stop + [nb_stop[-1] + JUNCTION_WIDTH_M + END_SECTION_M]
    sb_bounds = [sb_stop[0] - JUNCTION_WIDTH_M - END_SECTION_M] + sb_stop + [sb_stop[-1] + END_SECTION_M]
    for section in range(1, 7):
        frm = "the south end of the study area" if section == 1 else CROSS_STREETS[section - 2]
        to = "the north end of the study area" if section == 6 else CROSS_STREETS[section - 1]
        nb = {"kind": "segment", "id": "PT-N-%d" % section, "name": "Peachtree Street northbound", **PEACHTREE,
              "description": "NGSIM section %d northbound: %s to %s" % (section, frm, to)}
        if section < 6:
            nb["downstream"] = ["PT-N-%d" % (section + 1)]
        features.append(feature(line([at(nb_bounds[section - 1], nb_lat_ft), at(nb_bounds[section], nb_lat_ft)]), nb))
        sb = {"kind": "segment", "id": "PT-S-%d" % section, "name": "Peachtree Street southbound", **PEACHTREE,
              "description": "NGSIM section %d southbound: %s to %s" % (section, to, frm)}
        if section > 1:
            sb["downstream"] = ["PT-S-%d" % (section - 1)]
        features.append(feature(line([at(sb_bounds[section], sb_lat_ft), at(sb_bounds[section - 1], sb_lat_ft)]), sb))
    write("ngsim-peachtree",
          "Peachtree Street, Atlanta, between 10th and 14th Streets: the corridor of the NGSIM Peachtree data "
          "(November 2006). One segment per NGSIM section and direction: PT-N-k northbound and PT-S-k southbound, "
          "section 1 south of 10th St, 2..5 between the intersections at 10th, 11th, 12th, 13th and 14th St, 6 north "
          "of 14th St. Each segment runs from one stop line to the next in its direction, so a segment's downstream "
          "end is the stop line of the signal it approaches (sections 1..5 northbound, 2..6 southbound). Fitted to "
          "the sample's Global_X/Global_Y (EPSG:2240) where it has vehicles (the 20 m before the 10th St "
          "northbound stop line); the blocks north of 10th St are schematic (four equal blocks over the ~640 m "
          "study area). No intersection features: the data has no cross-street traffic to name their approaches "
          "by, and a junction with only its Peachtree approaches would get a one-phase signal plan. "
          "freeFlowKmh 56 = 35 mph, the posted limit.", features)


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data")
    us101()
    peachtree(data)
