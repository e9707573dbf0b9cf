"""The shared indicator library (指标库): common (共性) and specific (个性) indicators, classified by 行业/领域,
and the checks of declared targets against it (目标质量).

``library`` holds the model and the shipped seed, ``classification`` the 行业/领域 classification,
``xlsx`` the workbook layout finance bureaus circulate, ``checks`` and ``profile`` a declared target
against its history, its peers and its money. No Django here: the web apps ``jixiao.web.indicators``
and ``jixiao.web.targets`` store the same fields and call these modules.
"""
