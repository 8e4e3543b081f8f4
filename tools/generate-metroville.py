#!/usr/bin/env python3
"""Generates the bundled sample network `metroville` (a fictional city near lat 51.92, lon 4.47).

    python3 tools/generate-metroville.py

writes roadstream-core/src/main/resources/networks/metroville.geojson. The output is deterministic, so the
generated file is committed and reviewed like code; change this script, not the file.

Layout, in a local frame of metres (x east, y north) around the centre:
  * motorway M1: ~12 km east-west south of the centre, a gentle bow, 12 segments per direction, 3 lanes, 110 km/h;
  * ring road R1: a circle of radius 2.4 km, 15 segments per direction, 2 lanes, 70 km/h; it crosses M1 twice and
    full interchanges link them there (every movement except U-turns);
  * a 3x3 grid of signalised arterials (2 lanes, 50 km/h) with stubs beyond the outer intersections: the middle
    stubs on the north, east and west sides run to the ring and join it, the others are boundary entries/exits.
Each direction of a road is drawn a few metres to the right of the centre line (traffic keeps right) so that
the two directions show apart on a map. A detector sits in the middle of every segment.
"""

import json
import math
import os

CENTRE_LAT = 51.92
CENTRE_LON = 4.47
EARTH_RADIUS_M = 6_371_008.8  # the same radius as LonLat.distanceTo, so lengths agree with the loader

RING_RADIUS = 2400.0
MOTORWAY_HALF_LENGTH_X = 6000.0
MOTORWAY_BOW = 0.00002  # y grows by BOW * x^2: 720 m over 6 km, a gentle curve
GRID_X = [-700.0, 0.0, 700.0]  # avenues A, B, C
GRID_Y = [-300.0, 400.0, 1100.0]  # streets 1, 2, 3
STUB_LENGTH = 400.0
LOST_TIME_S = 12

MOTORWAY = dict(roadClass="motorway", lanes=3, freeFlowKmh=110, capacityVehPerHourPerLane=2200)
RING = dict(roadClass="expressway", lanes=2, freeFlowKmh=70, capacityVehPerHourPerLane=2000)
ARTERIAL = dict(roadClass="arterial", lanes=2, freeFlowKmh=50, capacityVehPerHourPerLane=900)


def to_lonlat(x, y):
    lat = CENTRE_LAT + math.degrees(y / EARTH_RADIUS_M)
    lon = CENTRE_LON + math.degrees(x / (EARTH_RADIUS_M * math.cos(math.radians(CENTRE_LAT))))
    return [round(lon, 6), round(lat, 6)]


def haversine(a, b):
    phi1, phi2 = math.radians(a[1]), math.radians(b[1])
    d_phi = phi2 - phi1
    d_lambda = math.radians(b[0] - a[0])
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def line_length(coords):
    return sum(haversine(coords[i - 1], coords[i]) for i in range(1, len(coords)))


def point_at(coords, distance):
    remaining = distance
    for i in range(1, len(coords)):
        a, b = coords[i - 1], coords[i]
        piece = haversine(a, b)
        if remaining <= piece and piece > 0:
            t = remaining / piece
            return [round(a[0] + (b[0] - a[0]) * t, 6), round(a[1] + (b[1] - a[1]) * t, 6)]
        remaining -= piece
    return coords[-1]


def offset_right(points, d):
    """The polyline moved d metres to the right of its direction of travel."""
    moved = []
    for i, (x, y) in enumerate(points):
        ax, ay = points[max(0, i - 1)]
        bx, by = points[min(len(points) - 1, i + 1)]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        moved.append((x + dy / norm * d, y - dx / norm * d))
    return moved


# ------------------------------------------------------------------------------------------------ building blocks

segments = {}  # id -> dict(props, points); insertion order is file order
detectors = []
intersections = []


def add_segment(seg_id, name, kind, points, offset):
    if seg_id in segments:
        raise SystemExit("duplicate segment " + seg_id)
    segments[seg_id] = dict(name=name, attrs=kind, points=offset_right(points, offset), downstream=[])


def link(frm, to):
    if to not in segments[frm]["downstream"]:
        segments[frm]["downstream"].append(to)


# ------------------------------------------------------------------------------------------------ motorway M1

def motorway_y(x):
    crossing_y = -math.sqrt(RING_RADIUS ** 2 - 2000.0 ** 2)
    return crossing_y - MOTORWAY_BOW * 2000.0 ** 2 + MOTORWAY_BOW * x * x


# cuts every 1000 m of x; the ones at x = +-2000 are where M1 crosses the ring (motorway_y puts them on the circle)
M_CUTS = [-MOTORWAY_HALF_LENGTH_X + 1000.0 * k for k in range(13)]


def motorway_points(x0, x1):
    return [(x0 + (x1 - x0) * i / 10, motorway_y(x0 + (x1 - x0) * i / 10)) for i in range(11)]


for k in range(12):
    add_segment("M1-E-%02d" % (k + 1), "M1 eastbound", MOTORWAY,
                motorway_points(M_CUTS[k], M_CUTS[k + 1]), 12)
for k in range(12):
    add_segment("M1-W-%02d" % (k + 1), "M1 westbound", MOTORWAY,
                motorway_points(M_CUTS[12 - k], M_CUTS[11 - k]), 12)
for k in range(11):
    link("M1-E-%02d" % (k + 1), "M1-E-%02d" % (k + 2))
    link("M1-W-%02d" % (k + 1), "M1-W-%02d" % (k + 2))

# ------------------------------------------------------------------------------------------------ ring R1

def angle_of(x, y):
    return math.degrees(math.atan2(y, x)) % 360


ANCHORS = {  # ring nodes where other roads join, by polar angle (degrees, counter-clockwise from east)
    "east-arterial": angle_of(math.sqrt(RING_RADIUS ** 2 - GRID_Y[1] ** 2), GRID_Y[1]),
    "north-arterial": 90.0,
    "west-arterial": angle_of(-math.sqrt(RING_RADIUS ** 2 - GRID_Y[1] ** 2), GRID_Y[1]),
    "motorway-west": angle_of(-2000.0, motorway_y(-2000.0)),
    "motorway-east": angle_of(2000.0, motorway_y(2000.0)),
}
anchor_angles = sorted(ANCHORS.values())
ring_nodes = []  # polar angles of all ring cut points, counter-clockwise
for i, a0 in enumerate(anchor_angles):
    a1 = anchor_angles[(i + 1) % len(anchor_angles)]
    arc = (a1 - a0) % 360
    pieces = max(1, round(math.radians(arc) * RING_RADIUS / 1000.0))
    ring_nodes += [a0 + arc * p / pieces for p in range(pieces)]
RING_N = len(ring_nodes)


def ring_arc(a0, a1):
    steps = max(2, int(abs(a1 - a0) / 3) + 1)  # a vertex every 3 degrees (~125 m) keeps the curve smooth
    return [(RING_RADIUS * math.cos(math.radians(a0 + (a1 - a0) * s / steps)),
             RING_RADIUS * math.sin(math.radians(a0 + (a1 - a0) * s / steps))) for s in range(steps + 1)]


def ccw_id(i):
    return "R1-CCW-%02d" % (i + 1)


def cw_id(i):
    return "R1-CW-%02d" % (i + 1)


# counter-clockwise segment i runs from node i to node i+1; clockwise segment i from node -i to node -i-1
for i in range(RING_N):
    a0 = ring_nodes[i]
    a1 = ring_nodes[(i + 1) % RING_N] + (360 if i + 1 == RING_N else 0)
    add_segment(ccw_id(i), "Ring R1 counter-clockwise", RING, ring_arc(a0, a1), 10)
for i in range(RING_N):
    a0 = ring_nodes[(-i) % RING_N] + (360 if i == 0 else 0)
    a1 = ring_nodes[(-i - 1) % RING_N]
    add_segment(cw_id(i), "Ring R1 clockwise", RING, ring_arc(a0, a1), 10)
for i in range(RING_N):
    link(ccw_id(i), ccw_id((i + 1) % RING_N))
    link(cw_id(i), cw_id((i + 1) % RING_N))


def ring_at(angle):
    """(segments arriving at the ring node at this angle, segments leaving it)."""
    n = min(range(RING_N), key=lambda j: abs(((ring_nodes[j] - angle + 180) % 360) - 180))
    arriving = [ccw_id((n - 1) % RING_N), cw_id((-n - 1) % RING_N)]
    leaving = [ccw_id(n), cw_id((-n) % RING_N)]
    return arriving, leaving


# interchanges: every movement between M1 and R1 except a U-turn
for side, cut_index in (("motorway-west", 4), ("motorway-east", 8)):
    arriving, leaving = ring_at(ANCHORS[side])
    m_in = ["M1-E-%02d" % cut_index, "M1-W-%02d" % (12 - cut_index)]
    m_out = ["M1-E-%02d" % (cut_index + 1), "M1-W-%02d" % (13 - cut_index)]
    for s in m_in:
        for t in leaving:
            link(s, t)
    for s in arriving:
        for t in m_out:
            link(s, t)

# ------------------------------------------------------------------------------------------------ arterial grid

AVENUES = "ABC"
STREET_NAMES = ["1st Street", "2nd Street", "3rd Street"]
nodes = {}  # node id -> (x, y); intersections are "A1".."C3", grid-edge nodes "NA", "SB", "W2", "E3", ...
for c, x in enumerate(GRID_X):
    for r, y in enumerate(GRID_Y):
        nodes[AVENUES[c] + str(r + 1)] = (x, y)
ring_joins = {}  # edge node -> ring anchor it joins
for c, x in enumerate(GRID_X):
    nodes["S" + AVENUES[c]] = (x, GRID_Y[0] - STUB_LENGTH)
    nodes["N" + AVENUES[c]] = (x, GRID_Y[-1] + STUB_LENGTH)
for r, y in enumerate(GRID_Y):
    nodes["W" + str(r + 1)] = (GRID_X[0] - STUB_LENGTH, y)
    nodes["E" + str(r + 1)] = (GRID_X[-1] + STUB_LENGTH, y)
# the middle stubs on three sides run on to the ring (the south side faces the motorway, which they do not cross)
nodes["NB"] = (0.0, RING_RADIUS)
ring_joins["NB"] = "north-arterial"
nodes["E2"] = (math.sqrt(RING_RADIUS ** 2 - GRID_Y[1] ** 2), GRID_Y[1])
ring_joins["E2"] = "east-arterial"
nodes["W2"] = (-math.sqrt(RING_RADIUS ** 2 - GRID_Y[1] ** 2), GRID_Y[1])
ring_joins["W2"] = "west-arterial"

edges = []  # undirected (a, b), each becomes two segments
for r in range(3):
    for c in range(2):
        edges.append((AVENUES[c] + str(r + 1), AVENUES[c + 1] + str(r + 1)))
for c in range(3):
    for r in range(2):
        edges.append((AVENUES[c] + str(r + 1), AVENUES[c] + str(r + 2)))
for c in range(3):
    edges.append(("S" + AVENUES[c], AVENUES[c] + "1"))
    edges.append((AVENUES[c] + "3", "N" + AVENUES[c]))
for r in range(3):
    edges.append(("W" + str(r + 1), "A" + str(r + 1)))
    edges.append(("C" + str(r + 1), "E" + str(r + 1)))


def street_name(a, b):
    (ax, ay), (bx, by) = nodes[a], nodes[b]
    if ax == bx:  # along an avenue
        avenue = AVENUES[GRID_X.index(ax)]
        return "Avenue %s %s" % (avenue, "northbound" if by > ay else "southbound")
    street = STREET_NAMES[GRID_Y.index(ay)]
    return "%s %s" % (street, "eastbound" if bx > ax else "westbound")


def arterial_id(a, b):
    return "A-%s-%s" % (a, b)


outgoing = {n: [] for n in nodes}
incoming = {n: [] for n in nodes}
for a, b in edges:
    for frm, to in ((a, b), (b, a)):
        seg_id = arterial_id(frm, to)
        (x0, y0), (x1, y1) = nodes[frm], nodes[to]
        steps = max(1, int(math.hypot(x1 - x0, y1 - y0) // 250))
        pts = [(x0 + (x1 - x0) * s / steps, y0 + (y1 - y0) * s / steps) for s in range(steps + 1)]
        add_segment(seg_id, street_name(frm, to), ARTERIAL, pts, 6)
        outgoing[frm].append((seg_id, to))
        incoming[to].append((seg_id, frm))

for node in nodes:
    for seg_in, came_from in incoming[node]:
        for seg_out, going_to in outgoing[node]:
            if going_to != came_from:  # no U-turns
                link(seg_in, seg_out)

for node, anchor in sorted(ring_joins.items()):
    arriving, leaving = ring_at(ANCHORS[anchor])
    (seg_out, _), = outgoing[node]  # the one stub from the ring into the grid
    (seg_in, _), = incoming[node]
    for s in arriving:
        link(s, seg_out)
    for t in leaving:
        link(seg_in, t)

for c in range(3):
    for r in range(3):
        node = AVENUES[c] + str(r + 1)
        intersections.append(dict(
            id="I-" + node, name="Avenue %s & %s" % (AVENUES[c], STREET_NAMES[r]),
            point=nodes[node], approaches=[s for s, _ in incoming[node]]))

# ------------------------------------------------------------------------------------------------ output

def segment_feature(seg_id, seg):
    coords = [to_lonlat(x, y) for x, y in seg["points"]]
    props = dict(kind="segment", id=seg_id, name=seg["name"])
    props.update(seg["attrs"])
    props["downstream"] = seg["downstream"]
    return props, dict(type="LineString", coordinates=coords)


def detector_feature(seg_id, seg_geometry):
    coords = seg_geometry["coordinates"]
    mid = line_length(coords) / 2
    props = dict(kind="detector", id="D-" + seg_id, segment=seg_id, offsetM=round(mid, 1))
    return props, dict(type="Point", coordinates=point_at(coords, round(mid, 1)))


def intersection_feature(ix):
    props = dict(kind="intersection", id=ix["id"], name=ix["name"], approaches=ix["approaches"],
                 lostTimeS=LOST_TIME_S)
    return props, dict(type="Point", coordinates=to_lonlat(*ix["point"]))


features = []
segment_features = [segment_feature(s, seg) for s, seg in segments.items()]
features += segment_features
features += [detector_feature(props["id"], geometry) for props, geometry in segment_features]
features += [intersection_feature(ix) for ix in intersections]


def dump(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


lines = ['{"type": "FeatureCollection",',
         ' "name": "metroville",',
         ' "generator": "tools/generate-metroville.py",',
         ' "features": [']
for i, (props, geometry) in enumerate(features):
    lines.append('  {"type": "Feature",')
    lines.append('   "properties": ' + dump(props) + ',')
    lines.append('   "geometry": ' + dump(geometry) + '}' + (',' if i + 1 < len(features) else ''))
lines.append(' ]}')

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "roadstream-core", "src", "main", "resources", "networks", "metroville.geojson")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(lines) + "\n")
print("wrote %s: %d segments, %d detectors, %d intersections"
      % (os.path.relpath(out, root), len(segments), len(segment_features), len(intersections)))
