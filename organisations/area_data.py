"""Wales's local authority areas, health board areas and regional partnership boards: the
reference data with which an organisation says where it works (organisations.models.Area).

Each local authority area names the health board and the regional partnership board it
falls in, so an organisation that names the areas it works in is counted in their
regions too. Names in English and Welsh, as the bodies themselves write them.
"""

# ruff: noqa: E501  (one area to a line reads best as a table)

HEALTH_BOARDS = (
    ("aneurin-bevan", "Aneurin Bevan University Health Board", "Bwrdd Iechyd Prifysgol Aneurin Bevan"),
    ("betsi-cadwaladr", "Betsi Cadwaladr University Health Board", "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"),
    ("cardiff-and-vale-uhb", "Cardiff and Vale University Health Board", "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro"),
    ("cwm-taf-morgannwg-uhb", "Cwm Taf Morgannwg University Health Board", "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg"),
    ("hywel-dda", "Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"),
    ("powys-thb", "Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"),
    ("swansea-bay", "Swansea Bay University Health Board", "Bwrdd Iechyd Prifysgol Bae Abertawe"),
)  # fmt: skip

PARTNERSHIPS = (
    ("rpb-cardiff-and-vale", "Cardiff and Vale Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Caerdydd a'r Fro"),
    ("rpb-cwm-taf-morgannwg", "Cwm Taf Morgannwg Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Cwm Taf Morgannwg"),
    ("rpb-gwent", "Gwent Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gwent"),
    ("rpb-north-wales", "North Wales Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gogledd Cymru"),
    ("rpb-powys", "Powys Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Powys"),
    ("rpb-west-glamorgan", "West Glamorgan Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gorllewin Morgannwg"),
    ("rpb-west-wales", "West Wales Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru"),
)  # fmt: skip

# (code, English, Welsh, health board, regional partnership board)
LOCAL_AUTHORITIES = (
    ("blaenau-gwent", "Blaenau Gwent", "Blaenau Gwent", "aneurin-bevan", "rpb-gwent"),
    ("bridgend", "Bridgend", "Pen-y-bont ar Ogwr", "cwm-taf-morgannwg-uhb", "rpb-cwm-taf-morgannwg"),
    ("caerphilly", "Caerphilly", "Caerffili", "aneurin-bevan", "rpb-gwent"),
    ("cardiff", "Cardiff", "Caerdydd", "cardiff-and-vale-uhb", "rpb-cardiff-and-vale"),
    ("carmarthenshire", "Carmarthenshire", "Sir Gaerfyrddin", "hywel-dda", "rpb-west-wales"),
    ("ceredigion", "Ceredigion", "Ceredigion", "hywel-dda", "rpb-west-wales"),
    ("conwy", "Conwy", "Conwy", "betsi-cadwaladr", "rpb-north-wales"),
    ("denbighshire", "Denbighshire", "Sir Ddinbych", "betsi-cadwaladr", "rpb-north-wales"),
    ("flintshire", "Flintshire", "Sir y Fflint", "betsi-cadwaladr", "rpb-north-wales"),
    ("gwynedd", "Gwynedd", "Gwynedd", "betsi-cadwaladr", "rpb-north-wales"),
    ("isle-of-anglesey", "Isle of Anglesey", "Ynys Môn", "betsi-cadwaladr", "rpb-north-wales"),
    ("merthyr-tydfil", "Merthyr Tydfil", "Merthyr Tudful", "cwm-taf-morgannwg-uhb", "rpb-cwm-taf-morgannwg"),
    ("monmouthshire", "Monmouthshire", "Sir Fynwy", "aneurin-bevan", "rpb-gwent"),
    ("neath-port-talbot", "Neath Port Talbot", "Castell-nedd Port Talbot", "swansea-bay", "rpb-west-glamorgan"),
    ("newport", "Newport", "Casnewydd", "aneurin-bevan", "rpb-gwent"),
    ("pembrokeshire", "Pembrokeshire", "Sir Benfro", "hywel-dda", "rpb-west-wales"),
    ("powys", "Powys", "Powys", "powys-thb", "rpb-powys"),
    ("rhondda-cynon-taf", "Rhondda Cynon Taf", "Rhondda Cynon Taf", "cwm-taf-morgannwg-uhb", "rpb-cwm-taf-morgannwg"),
    ("swansea", "Swansea", "Abertawe", "swansea-bay", "rpb-west-glamorgan"),
    ("torfaen", "Torfaen", "Tor-faen", "aneurin-bevan", "rpb-gwent"),
    ("vale-of-glamorgan", "Vale of Glamorgan", "Bro Morgannwg", "cardiff-and-vale-uhb", "rpb-cardiff-and-vale"),
    ("wrexham", "Wrexham", "Wrecsam", "betsi-cadwaladr", "rpb-north-wales"),
)  # fmt: skip


def areas_load(area) -> None:
    """Store the areas above in `area` (the model, or a migration's historical model),
    each local authority area with its health board and partnership. Running it again
    changes nothing."""

    def keep(code, **values):
        return area.objects.update_or_create(code=code, defaults=values)[0]

    boards = {
        code: keep(code, kind="health_board", name_en=en, name_cy=cy, order=order)
        for order, (code, en, cy) in enumerate(HEALTH_BOARDS)
    }
    partnerships = {
        code: keep(code, kind="partnership", name_en=en, name_cy=cy, order=order)
        for order, (code, en, cy) in enumerate(PARTNERSHIPS)
    }
    for order, (code, en, cy, board, partnership) in enumerate(LOCAL_AUTHORITIES):
        keep(
            code, kind="local_authority", name_en=en, name_cy=cy, order=order,
            health_board=boards[board], partnership=partnerships[partnership],
        )  # fmt: skip
