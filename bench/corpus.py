#!/usr/bin/env python3
"""Deterministic generator of synthetic issues of a regional police newspaper.

The issues imitate the three source styles of the real corpus (see
``shared/seeds`` and ``shared/gold/SCHEMA.md``):

``print``
    flat text: headline lines (optionally a kicker above or a couplet
    subtitle below), photo captions right after the headline, ``<place>讯 ``
    datelines, blank-line separated paragraphs, sub-heads, page/column breaks
    that split a paragraph inside a word across one or three blank lines, and
    a closing ``(name)`` byline at the end of the last paragraph or on its own
    line.
``markdown``
    ``# title`` for the first article, ``## title`` for later ones,
    ``### sub-head``, ``**包头讯** text`` datelines; otherwise like print.
``web``
    one article: title line, ``发表时间:…\\u00a0×4来源:…`` line, ``image.png``
    placeholders and sub-heads (ending in 。) between lines holding only
    U+00A0, and the trailing ``相关阅读:`` / ``    无相关信息`` furniture.

Each generated issue carries the exact expected parse in the SCHEMA.md JSON
form.  The source text is "damaged" the way the real sources are: full-width
``，：；（）`` become ASCII ``, : ; ( )`` (the expected text keeps the
full-width form), and paragraphs are split by page breaks (the expected text
is the joined paragraph).  A few issues in twenty are UTF-8 with a BOM, use
CRLF line ends, or are encoded in GB18030.

Conventions chosen so that nothing generated is ambiguous:

* paragraphs are 60-250 characters and end in ``。`` or ``。”``;
* the left part of a page break is at least 24 characters long, contains a
  ``，`` or ``。`` before the break (so it can never look like a headline or
  a sub-head, which never hold either) and ends between two CJK ideographs;
  the right part is at least 20 characters long;
* headlines are 8-22 characters (spaces not counted), never hold ``，`` or
  ``。`` and never end in punctuation other than a closing quote; a couplet
  is two adjacent 7- or 8-character lines without spaces; a kicker (at most
  22 characters, adjacent to the title or one blank line above it) never has
  the length of its title, so a kicker/title pair never looks like a couplet;
* no two consecutive blocks meet in a way that shows up inside any block of
  the issue (last 6 + first 6 characters), so a perfect parse scores no
  false joins with shared/tools/parse_eval.py;
* print/markdown sub-heads (2-3 in about a quarter of the articles) always
  sit between two paragraphs; web sub-heads are 19-23 characters ending in
  ``。`` (paragraphs are 60+), preceded by a paragraph (a figure may stand in
  between, as in the real web pages) and followed by a paragraph;
* captions (print/markdown) only directly follow the headline; web issues
  have ``image.png`` figures and neither datelines nor bylines, kickers,
  subtitles or page breaks;
* markdown kickers / couplet second lines are plain lines directly above /
  below the ``#``/``##`` title line.

Standard library only.  Usage::

    python bench/corpus.py --articles 10000 [--per-issue 20] [--seed 0] --out DIR
    python bench/corpus.py --selfcheck
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import unicodedata
from dataclasses import dataclass
from typing import Iterator

__all__ = ["GeneratedIssue", "generate_issue", "generate_corpus", "selfcheck", "normalize", "main"]

NBSP = "\u00a0"
STYLES = ("print", "markdown", "web")


@dataclass(frozen=True)
class GeneratedIssue:
    name: str          # file name, e.g. "g000123_print.txt"
    style: str         # "print" | "web" | "markdown"
    data: bytes        # the source file as bytes
    expected: dict     # the expected parse (SCHEMA.md form)


# ---------------------------------------------------------------- vocabulary
# (dateline form, full name) of the twelve leagues and cities
REGIONS = (
    ("呼和浩特", "呼和浩特市"), ("包头", "包头市"), ("鄂尔多斯", "鄂尔多斯市"), ("赤峰", "赤峰市"),
    ("通辽", "通辽市"), ("呼伦贝尔", "呼伦贝尔市"), ("巴彦淖尔", "巴彦淖尔市"), ("乌兰察布", "乌兰察布市"),
    ("乌海", "乌海市"), ("兴安盟", "兴安盟"), ("锡林郭勒", "锡林郭勒盟"), ("阿拉善", "阿拉善盟"),
)
COUNTIES = {
    "呼和浩特市": ("新城区", "回民区", "赛罕区", "玉泉区", "土默特左旗", "托克托县", "和林格尔县", "武川县"),
    "包头市": ("昆都仑区", "青山区", "九原区", "固阳县", "达尔罕茂明安联合旗", "土默特右旗"),
    "鄂尔多斯市": ("东胜区", "康巴什区", "达拉特旗", "准格尔旗", "伊金霍洛旗", "乌审旗", "杭锦旗", "鄂托克旗",
               "鄂托克前旗"),
    "赤峰市": ("红山区", "松山区", "敖汉旗", "翁牛特旗", "克什克腾旗", "巴林左旗", "林西县", "宁城县"),
    "通辽市": ("科尔沁区", "奈曼旗", "库伦旗", "开鲁县", "扎鲁特旗", "霍林郭勒市"),
    "呼伦贝尔市": ("海拉尔区", "满洲里市", "牙克石市", "扎兰屯市", "根河市", "额尔古纳市", "阿荣旗",
               "鄂温克族自治旗", "陈巴尔虎旗", "新巴尔虎右旗"),
    "巴彦淖尔市": ("临河区", "乌拉特前旗", "乌拉特后旗", "磴口县", "杭锦后旗", "五原县"),
    "乌兰察布市": ("集宁区", "丰镇市", "四子王旗", "察哈尔右翼中旗", "化德县", "凉城县"),
    "乌海市": ("海勃湾区", "乌达区", "海南区"),
    "兴安盟": ("乌兰浩特市", "阿尔山市", "科尔沁右翼前旗", "扎赉特旗", "突泉县"),
    "锡林郭勒盟": ("锡林浩特市", "二连浩特市", "东乌珠穆沁旗", "西乌珠穆沁旗", "苏尼特左旗", "正蓝旗", "多伦县",
              "太仆寺旗"),
    "阿拉善盟": ("阿拉善左旗", "阿拉善右旗", "额济纳旗"),
}
TOWNS = ("巴音胡硕镇", "沙圪堵镇", "纳林陶亥镇", "嘎鲁图镇", "树林召镇", "巴彦嵯岗", "大河口", "白音查干",
         "宝日希勒", "满都拉", "乌兰木伦", "新街镇", "巴彦花镇", "锡尼镇", "乌兰镇", "达来呼布镇", "查干诺尔",
         "巴音宝力格镇", "阿里河镇", "巴彦浩特镇", "苏米图", "罕台镇", "树林召")
# datelines of towns where a banner's government sits, by league / city
TOWN_DATELINES = {"阿拉善盟": ("巴彦浩特", "达来呼布"), "呼伦贝尔市": ("阿里河", "尼尔基", "南屯"),
                  "巴彦淖尔市": ("巴音宝力格", "乌拉山"), "鄂尔多斯市": ("锡尼", "阿镇", "嘎鲁图", "敖勒召其"),
                  "锡林郭勒盟": ("乌里雅斯太", "巴彦乌拉", "满都拉图"), "通辽市": ("大沁他拉", "鲁北"),
                  "赤峰市": ("经棚", "天山", "新惠"), "兴安盟": ("音德尔", "科右前旗"),
                  "乌兰察布市": ("乌兰花", "科布尔"), "包头市": ("百灵庙", "金山"), "呼和浩特市": ("察素齐",),
                  "乌海市": ("乌达",)}
CITY_SUBS = ("交管支队", "刑侦支队", "治安支队", "巡特警支队", "网安支队", "禁毒支队", "经侦支队", "指挥中心",
             "反诈中心", "出入境管理支队")
COUNTY_SUBS = ("交管大队", "刑侦大队", "治安大队", "巡特警大队", "禁毒大队", "森林公安大队")
HQ_SUBS = ("交管局", "刑侦局", "治安总队", "监管总队", "科技信息化总队", "政治部", "经侦总队")
ROADS = ("G7京新高速公路", "G6京藏高速公路", "S206省道", "110国道", "G331国道", "G55二广高速公路",
         "S101省道", "G210国道", "乡村公路")
WATERS = ("黄河", "西拉木伦河", "嫩江", "额尔古纳河", "乌兰木伦河", "呼伦湖", "达里诺尔湖", "岱海", "哈素海")
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
            "魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹"
            "黎常武乔贺龚文庞樊殷施陶洪翟安颜倪严牛温季俞章鲁葛韦申毕聂焦向柳邢岳齐梅莫庄辛管祝左")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰飞鹏辉建文斌宇浩凯俊峰婷雪琳晶颖慧"
         "巧美倩莉亮成志国海波宁欣悦晨阳昊然睿博涵思雨紫君廷翠家铭瑛碧霖魁凤琪惟若超德全宏鑫")
MONGOLIAN = ("巴特尔", "乌力吉", "其其格", "额尔敦", "苏日娜", "那仁", "宝音", "图雅", "朝鲁", "斯琴",
             "阿拉坦", "敖登", "萨仁", "格日勒", "满都拉", "孟和", "巴雅尔", "哈斯", "乌云", "娜仁花", "布仁",
             "道尔吉", "达来", "吉日嘎拉", "青格乐", "特木尔", "阿木古楞", "白音", "那顺", "乌日娜")
ROLES = {"派出所": ("所长", "教导员", "社区民警", "民警", "辅警"),
         "大队": ("大队长", "副大队长", "教导员", "民警", "中队长"),
         "支队": ("支队长", "政委", "副支队长", "民警"),
         "中心": ("主任", "副主任", "民警"),
         "": ("相关负责人", "负责人", "民警")}
PROBLEMS = ("辖区道路交通安全风险点多、面广、线长的实际", "电信网络诈骗案件高发多发的态势",
            "冬季牧区交通不便、警力分散的难题", "旅游旺季人流车流剧增的情况", "群众反映强烈的突出治安问题",
            "边境地区地广人稀、管控难度大的特点")
PRINCIPLES = ("以人民为中心的发展思想", "“打防管控建”一体推进", "问题导向和目标导向相结合",
              "“专业+机制+大数据”新型警务运行模式", "“警力跟着警情走”的原则", "预防为主、打防结合的工作思路")
OUTREACH = ("深入牧区、社区、学校", "走进企业、商户、景区", "来到田间地头和牧民家中", "走进集市和广场")
OUTREACH_DO = ("面对面向群众讲解电信网络诈骗的常见手法和防范技巧", "发放双语宣传手册，讲解交通安全常识",
               "现场解答群众关心的户籍、出入境等业务问题", "收集群众意见建议，帮助解决实际困难")
HONORS = ("被公安部评为“全国优秀公安基层单位”", "荣获全区公安系统“优秀集体”称号",
          "被评为全国“枫桥式公安派出所”", "荣获自治区级“青年文明号”称号")
DRILL = ("体能测试", "警务技能", "射击", "法律知识", "应急处突", "无人机操控", "心肺复苏")


PURPOSES = ("进一步加强执法规范化建设", "切实筑牢社会安全稳定屏障", "深入推进全警实战大练兵",
            "全力做好岁末年初安全防范工作", "保障群众安全出行", "提升辖区群众防骗识骗能力",
            "营造安全稳定的社会治安环境", "深入学习贯彻党的二十大精神", "坚持和发展新时代“枫桥经验”",
            "维护辖区社会治安秩序", "推动公安工作高质量发展", "筑牢祖国北疆安全稳定屏障", "守护草原生态安全",
            "持续深化“放管服”改革", "切实减少道路交通事故", "严厉打击电信网络诈骗犯罪",
            "全力护航旅游旺季", "进一步密切警民关系")
WHEN = ("近日", "日前", "今年以来", "连日来", "近期", "入夏以来", "入冬以来", "春节前夕", "国庆期间")
ACTIVITIES = ("夏季治安打击整治行动", "“百日行动”", "电信网络诈骗防范宣传活动", "道路交通安全隐患大排查大整治行动",
              "“冬季攻势”专项行动", "矛盾纠纷排查化解工作", "禁毒宣传进校园活动", "反诈宣传“进万家”活动",
              "“平安草原”创建活动", "实战大练兵活动", "“清风”专项行动", "法治宣传进牧区活动",
              "冬季道路交通安全整治", "枪爆物品清查整治行动", "重点场所安全检查", "校园周边治安整治",
              "“护苗”专项行动", "草原生态保护专项行动", "边境管控专项行动", "社会治安巡查工作",
              "“警营开放日”活动", "消防安全隐患排查", "“打跨盗”专项行动")
MEETINGS = ("全体民警大会", "党委理论学习中心组集体学习", "专题工作推进会", "警示教育大会", "案件分析研判会",
            "安保工作部署会", "警务工作座谈会")
MEET_TASKS = ("传达学习上级会议精神", "通报前一阶段工作情况", "安排部署下一步重点工作", "分析研判当前治安形势",
              "总结交流经验做法", "查找工作短板弱项", "明确责任分工和完成时限")
# (weather, what the police did about it)
WEATHER = (("迎来新一轮大风沙尘天气", ("及时增派警力加大巡逻力度", "在重点路段设置临时执勤点")),
           ("遭遇强降雪天气", ("第一时间启动冰雪天气应急预案", "组织警力在易结冰路段疏导交通")),
           ("出现持续强降雨", ("全警动员投入抢险救援工作", "组织警力对积水路段实施交通管制")),
           ("部分地区暴雨来袭", ("全警动员投入抢险救援工作", "组织警力转移低洼地带群众")),
           ("遭遇寒潮天气", ("及时发布出行安全提示", "在高速公路出入口设置临时执勤点")))
MEASURES = ("细化工作措施", "明确目标任务", "强化组织部署", "逐级压实责任", "加大巡逻防控力度", "开展常态化巡逻",
            "严密街面防控", "深入开展矛盾纠纷排查", "加强重点部位检查", "主动上门走访群众", "开展入户宣传",
            "发放宣传资料", "整合警力资源", "完善工作机制", "建立联勤联动机制", "强化科技支撑",
            "加强视频巡查", "落实领导包片责任", "推行“警网融合”模式", "开展案件回访",
            "利用无人机开展空中巡查", "组织专门力量开展集中清查")
RESULTS = ("有效消除了安全隐患", "确保了辖区社会治安持续稳定", "群众安全感和满意度不断提升",
           "取得了阶段性成效", "受到辖区群众的一致好评", "切实把隐患消除在萌芽状态", "有力维护了辖区社会治安稳定",
           "实现了警情、案件数量双下降", "进一步提升了见警率和管事率", "营造了全民参与的良好氛围")
# (report, responses, outcomes): a call for help and what came of it
SCENES = (
    ("一辆小型轿车因路面结冰滑入路边沟渠无法动弹",
     ("民警立即赶赴现场，对被困车辆进行救援", "民警带上铁锹、牵引绳等工具立即赶赴现场"),
     ("经过{k}个多小时的努力，被困车辆成功脱困", "民警与驾驶人合力将车辆推出沟渠，并护送其驶离危险路段")),
    ("一名七旬老人外出后迟迟未归，家属十分焦急",
     ("值班民警迅速调取沿线视频监控，并联合社区网格员展开搜寻", "民警兵分两路，一路走访群众，一路查看监控"),
     ("最终在{k}公里外找到了走失老人并将其安全送回家中", "经过连夜搜寻，民警在一处废弃房屋内找到了老人")),
    ("其在网上刷单返利时被骗{n}元",
     ("民警第一时间开展止付冻结工作，并顺线追查涉案资金流向", "反诈中心民警立即启动紧急止付程序"),
     ("成功为受害人挽回经济损失{n}元", "犯罪嫌疑人{name}于数日后被抓获归案")),
    ("有人在{water}附近非法捕捞",
     ("民警立即赶赴现场，沿岸展开搜查", "民警联合渔政部门迅速赶到现场"),
     ("当场查获渔网{k}张，涉案人员被依法查处", "涉案人员已被依法采取刑事强制措施")),
    ("一辆货车突发故障，车上{k}名人员被困",
     ("民警迅速对该路段实施交通管制，并联系救援车辆", "民警立即赶赴现场，在车后方设置警示标志"),
     ("被困人员全部安全脱险", "经过{k}个多小时的努力，被困人员被安全转移至服务区")),
    ("辖区一家商铺夜间被盗，损失财物价值{n}元",
     ("民警迅速赶到现场勘查取证，并调取周边视频监控", "刑侦民警连夜开展走访排查"),
     ("犯罪嫌疑人{name}于次日被抓获归案", "涉案人员已被依法采取刑事强制措施，被盗财物全部追回")),
    ("一名儿童在公园与家人走散",
     ("民警立即在公园及周边展开寻找", "民警一边查看监控一边通过广播发布寻人信息"),
     ("不到半小时便找到孩子并将其交还家人", "最终在附近商场找到孩子，孩子家人连声道谢")),
    ("一辆客车因积雪被困在半路",
     ("民警带上铁锹、防滑链等工具立即赶赴现场", "民警协调铲车清理路面积雪"),
     ("经过{k}个多小时的努力，车上乘客全部安全转移", "客车最终顺利脱困，车上乘客安然无恙")),
    ("其家中饲养的{k}头牛走失",
     ("民警结合监控线索，与牧民一起沿草场搜寻", "民警发动嘎查护边员协助寻找"),
     ("最终在邻近嘎查找回全部走失牲畜", "当天傍晚，走失的牛全部被找回")),
)
INCIDENTS2 = ("一辆商务车陷入积沙中", "一名驾驶人驾车时精神状态异常", "路边有一名老人独自徘徊",
              "一辆货车违规超载行驶", "有车辆停靠在应急车道")
RESPONSES2 = ("巡逻民警立即停车上前询问情况", "民警随即依法对车辆进行检查", "民警立即上前了解情况并做好安全防护",
              "民警迅速设置警示标志并开展救助")
PERIODS = ("今年以来", "活动开展以来", "专项行动开展以来", "截至目前", "行动期间", "三年来")
STATS = (("出动警力", "人次"), ("开展巡逻", "次"), ("排查整改隐患", "处"), ("查处违法行为", "起"),
         ("发放宣传资料", "份"), ("走访群众", "户"), ("抓获犯罪嫌疑人", "名"), ("破获案件", "起"),
         ("挽回经济损失", "万元"), ("收缴管制刀具", "把"), ("救助群众", "人次"), ("化解矛盾纠纷", "起"))
DOCS = ("道路交通安全隐患排查整治实施方案", "矛盾纠纷多元化解工作办法", "全市公安机关民用爆炸物品安全管理办法",
        "实战大练兵考核细则", "社区警务工作规范", "重点场所安全检查工作规程")
ITEMS = ("重点排查逾期未检验的重型货车", "集中整治酒驾醉驾等严重交通违法行为", "联合相关部门对重点企业开展上门检查",
         "深入开展矛盾纠纷排查化解", "强化对重点人员的服务管理", "加强对寄递物流行业的安全监管",
         "持续开展反诈宣传进社区", "严厉打击盗窃牲畜等违法犯罪", "全面清查出租房屋和流动人口")
PARTNERS = ("交通运输", "应急管理", "市场监管", "消防救援", "教育", "卫生健康", "林草", "文化旅游", "城管", "武警")
QUOTES = ("我们将继续以群众需求为导向，全力守护一方平安", "安全无小事，每一个隐患都必须及时消除",
          "群众的事就是我们的事，再小的求助也要用心办好", "这次比武既是检验也是练兵，大家收获很大",
          "科技手段让我们的巡逻更精准，处置更高效", "只要群众需要，我们随时都在",
          "我们把警务室搬到了群众家门口，就是要让群众少跑腿")
CITIZENS = ("驾驶人", "游客", "牧民", "群众", "商户", "老人的家属")
CITIZEN_QUOTES = ("真是太感谢你们了，要不是你们及时赶到，后果不堪设想", "以前走夜路心里发慌，现在处处能看到巡逻的民警",
                  "民警不但帮我们解决了难题，还耐心讲解了安全知识", "有民警在身边守护，我们心里踏实多了")
FUTURE = ("持续深化专项行动", "不断完善长效机制", "进一步加大宣传力度", "坚持问题导向", "紧盯薄弱环节",
          "持续提升队伍素质", "扎实推进基层基础建设")
GOALS = ("建设平安内蒙古", "守护草原安宁", "推动地区经济社会高质量发展", "筑牢祖国北疆安全稳定屏障")
# paragraph leads: only ever at the start of a paragraph, never after a 。 inside one
LEADS = ("一直以来", "近年来", "为巩固工作成效", "对此", "随后", "另外", "在具体工作中", "据了解", "为此",
         "近段时间", "多年来")
CONNECT = ("活动中", "行动中", "工作中", "期间", "与此同时", "此外", "同时", "在此基础上")

# headline material
HALVES_A = ("深化巡查工作", "开展隐患排查整治", "规范接诉即办工作", "推进异常业务核查工作", "严打电信网络诈骗",
            "强化源头治理", "深化警务改革", "开展冬季攻势", "比武练兵强本领", "慰问演出深入基层", "整治突出治安问题",
            "聚焦群众急难愁盼", "实战练兵提能力", "深化矛盾纠纷化解")
HALVES_B = ("筑牢稳定屏障", "确保道路通行安全", "维护群众合法权益", "守护群众钱袋子", "织密平安防护网",
            "提升服务效能", "护航草原旅游季", "守好北疆安全门", "警民同心护平安", "组织关怀温暖警心",
            "筑牢安全防线", "加强执法规范化建设", "真情服务暖人心")
TITLE_VERBS = ("开展", "启动", "部署", "推进", "组织开展", "全面开展", "扎实开展")
COLON_SLOGANS = ("找到科技兴警最优解", "以主动善治护暖城平安", "让群众安全感成色更足", "打好冬季攻势组合拳",
                 "跑出便民服务加速度", "织密草原平安防护网", "念好矛盾化解“调解经”")
QUOTED = ("空中哨兵", "草原110", "马背警队", "雪板警队", "枫桥式派出所", "蓝朋友", "流动警务室", "警保联动",
          "红色轻骑兵")
QUOTED_REST = ("让智慧警务振翅高飞", "守护牧区千家万户", "为冰雪旅游保驾护航", "助力基层治理提质增效",
               "织密平安防护网", "跑出服务加速度", "守护边境线上的平安")
FOUR = ("转变理念", "鼓励创新", "重塑机制", "科技赋能", "数据驱动", "警民共建", "源头治理", "多元共治",
        "守正创新", "砥砺前行", "担当作为", "实干争先", "强基固本", "精准施策", "靠前服务", "党委领学",
        "部门研学", "全警深学", "智慧赋能", "精准布警", "联勤联动", "科技引领", "警民携手", "主动作为")
FOUR_R = ("科技守护", "全面守护", "协同守护", "夯实根基", "筑牢防线", "提升效能", "护航发展", "服务民生",
          "守护平安", "凝聚合力", "提质增效", "压实责任", "温暖警心", "激发活力")
KICKER_EVENTS = ("开年第一讲", "送法进牧区", "平安大巡防", "警营开放日", "护航高考季", "夏夜守护者")
COUPLET = {
    7: ("歌声悠扬送基层", "暖警爱警鼓干劲", "风雪无情人有情", "民警冒雪救群众", "铁骑巡逻护平安", "真情服务暖民心",
        "警民同心护草原", "反诈宣传进万家", "平安守护不打烊", "马背警队巡边关", "夜巡守护万家灯", "草原深处有警声"),
    8: ("风沙来袭加强巡逻", "保障群众安全出行", "冰雪路面车辆被困", "民警及时救援脱困", "老人走失家属焦急",
        "警民合力寻回老人", "暴雨突袭积水成灾", "民警辅警冲锋在前"),
}
CAPTIONS = ("活动现场。", "民警在巡逻。", "救助被困车辆。", "警用无人机助力抗疫。", "民警入户走访。", "比武现场。",
            "民警向群众发放宣传资料。", "交警在路口执勤。", "演出现场。", "民警为群众讲解防骗知识。",
            "民警帮助被困车辆脱困。", "检查现场。", "座谈会现场。", "民警在牧区走访。")
SUB_SUBJ = ("传统侦查", "数据警务", "科技兴警", "智慧公安", "基层治理", "警务改革", "便民服务", "执法监督",
            "矛盾调解", "巡逻防控", "反诈宣传", "交通管理")
SUB_LINK = ("成为", "助力", "赋能", "惠及", "推动", "守护", "筑牢")
SUB_OBJ = ("广大群众", "平安建设", "基层一线", "社会稳定", "群众出行安全", "侦破案件利器", "营商环境优化",
           "草原生态安全", "边境地区安宁")
WEB_SUB_A = ("警力资源", "科技赋能", "要素管控", "矛盾化解", "服务群众", "风险防范")
WEB_SUB_B = ("前置", "先行", "为先", "升级")
WEB_SUB_C = ("持续巩固", "加快激活", "全力构建", "积极践行", "不断提升", "着力打造")
WEB_SUB_D = ("治安防控体系建设新成果", "现代警务模式运行新动能", "风险隐患源头治理新格局", "基层社会多元治理新示范",
             "群众安全感满意度", "平安建设新格局")
WEB_SOURCES = ("平安内蒙古微信公众号", "内蒙古自治区公安厅", "北疆公安", "内蒙古法制报")

FALLBACK_PARAGRAPH = ("为切实筑牢社会安全稳定屏障，近日，公安机关在辖区范围内组织开展社会治安巡查工作，"
                      "细化工作措施，明确目标任务，有效消除了安全隐患，受到辖区群众的一致好评。")

_ASCII_PAIRS = (("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"))
FINAL = ("。", "。”")
PUNCT = set("，。；：、！？“”‘’（）《》—…·,.;:!?()\"'")


# ---------------------------------------------------------------- helpers
# Fast deterministic draws built on rng.random() alone (Random.choice and
# Random.randint go through getrandbits and cost three times as much).
def _ch(rng: random.Random, seq):
    return seq[int(rng.random() * len(seq))]


def _ri(rng: random.Random, lo: int, hi: int) -> int:
    return lo + int(rng.random() * (hi - lo + 1))


def _sa(rng: random.Random, seq, k: int) -> list:
    n, idx = len(seq), []
    while len(idx) < k:
        i = int(rng.random() * n)
        if i not in idx:
            idx.append(i)
    return [seq[i] for i in idx]


def _to_ascii(s: str) -> str:
    for a, b in _ASCII_PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _name(rng: random.Random) -> str:
    if rng.random() < 0.18:
        return _ch(rng, MONGOLIAN)
    s = _ch(rng, SURNAMES)
    if rng.random() < 0.3:
        return s + _ch(rng, GIVEN)
    return s + _ch(rng, GIVEN) + _ch(rng, GIVEN)


def _date(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.6:
        return "%d月%d日" % (_ri(rng, 1, 12), _ri(rng, 1, 28))
    if r < 0.8:
        return "%d年%d月%d日" % (_ri(rng, 2019, 2024), _ri(rng, 1, 12), _ri(rng, 1, 28))
    return _ch(rng, ("当日", "前不久", "日前"))


def _tod(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return _ch(rng, ("凌晨", "上午", "中午", "下午", "傍晚", "夜间"))
    return "%d时许" % _ri(rng, 1, 23)


def _fill(rng: random.Random, s: str) -> str:
    if "{" not in s:
        return s
    return s.format(n=_ri(rng, 2, 98) * 100, k=_ri(rng, 2, 9), water=_ch(rng, WATERS), name=_name(rng))


class _Ctx:
    """Who and where an article is about."""
    __slots__ = ("unit", "sub", "scope", "region_full", "dateline", "used")

    def __init__(self, rng: random.Random):
        self.used = {} if rng.random() < 0.15 else {_s_drill: 1}   # drill sentences only in some articles
        if rng.random() < 0.1:
            self.unit = "自治区公安厅"
            self.sub = "自治区公安厅" + _ch(rng, HQ_SUBS)
            self.scope = "全区"
            self.region_full = "全区"
            self.dateline = "呼和浩特"
            return
        short, full = _ch(rng, REGIONS)
        county = _ch(rng, COUNTIES[full])
        city_unit = full + "公安局"
        if county.endswith("区"):
            county_unit = city_unit + county[:-1] + "分局"
        else:
            county_unit = county + "公安局"
        if rng.random() < 0.55:
            self.unit = city_unit
            self.scope = "全盟" if full.endswith("盟") else "全市"
            self.region_full = full
            r = rng.random()
            if r < 0.4:
                self.sub = city_unit + _ch(rng, CITY_SUBS)
            elif r < 0.7:
                self.sub = county_unit + _ch(rng, COUNTY_SUBS)
            else:
                self.sub = county_unit + _ch(rng, TOWNS) + "派出所"
        else:
            self.unit = county_unit
            self.scope = "辖区" if county.endswith("区") else "全" + county[-1]
            self.region_full = county
            if rng.random() < 0.5:
                self.sub = county_unit + _ch(rng, COUNTY_SUBS)
            else:
                self.sub = county_unit + _ch(rng, TOWNS) + "派出所"
        r = rng.random()
        if r < 0.6:
            self.dateline = short
        elif r < 0.9:
            self.dateline = county[:-1] if county.endswith("市") else county
        else:
            self.dateline = _ch(rng, TOWN_DATELINES[full])


# ---------------------------------------------------------------- sentences (expected form, full-width punctuation)
def _role(rng, c) -> str:
    sub = c.sub
    for key in ("派出所", "大队", "支队", "中心"):
        if sub.endswith(key):
            return _ch(rng, ROLES[key])
    return _ch(rng, ROLES[""])


def _s_open(rng, c):
    r = rng.random()
    P = lambda seq: _ch(rng, seq)  # noqa: E731
    if r < 0.45:
        where = "在%s范围内" % c.scope if rng.random() < 0.5 else ""
        return "为%s，%s，%s%s组织开展%s。" % (P(PURPOSES), P(WHEN), c.unit, where, P(ACTIVITIES))
    if r < 0.65:
        t1, t2 = _sa(rng, MEET_TASKS, 2)
        return "%s，%s召开%s，%s，%s。" % (P(WHEN), c.unit, P(MEETINGS), t1, t2)
    if r < 0.8:
        weather, resp = P(WEATHER)
        return "%s，%s%s，%s%s。" % (P(WHEN), c.region_full, weather, c.unit, P(resp))
    return "近年来，%s认真贯彻落实上级部署要求，%s，%s，为%s积极贡献公安力量。" % (
        c.unit, P(MEASURES), P(MEASURES), P(GOALS))


def _s_measures(rng, c):
    m1, m2 = _sa(rng, MEASURES, 2)
    return "%s%s，%s，%s。" % (c.unit, m1, m2, _ch(rng, RESULTS))


def _s_connect(rng, c):
    m1, m2 = _sa(rng, MEASURES, 2)
    return "%s，%s%s，%s，%s。" % (_ch(rng, CONNECT), _ch(rng, (c.unit, c.sub, "民警")), m1, m2,
                                _ch(rng, RESULTS))


def _s_problem(rng, c):
    m1, m2 = _sa(rng, MEASURES, 2)
    return "针对%s，%s%s，%s。" % (_ch(rng, PROBLEMS), c.unit, m1, m2)


def _s_principle(rng, c):
    return "%s坚持%s，%s，%s。" % (c.unit, _ch(rng, PRINCIPLES), _ch(rng, MEASURES), _ch(rng, RESULTS))


def _s_outreach(rng, c):
    return "%s民警%s，%s。" % (c.sub, _ch(rng, OUTREACH), _ch(rng, OUTREACH_DO))


def _s_incident(rng, c):
    report, responses, outcomes = _ch(rng, SCENES)
    when = "%d月%d日" % (_ri(rng, 1, 12), _ri(rng, 1, 28))
    return "%s%s，%s接到群众报警称，%s。%s，%s。" % (
        when, _tod(rng), c.sub, _fill(rng, report), _ch(rng, responses), _fill(rng, _ch(rng, outcomes)))


def _s_patrol(rng, c):
    return "%s，%s民警在%s巡逻时，发现%s，%s。" % (
        _date(rng), c.sub, _ch(rng, ROADS), _ch(rng, INCIDENTS2), _ch(rng, RESPONSES2))


def _s_stats(rng, c):
    a, b, d = _sa(rng, STATS, 3)
    return "据统计，%s，%s共%s%d%s，%s%d%s，%s%d%s。" % (
        _ch(rng, PERIODS), c.unit, a[0], _ri(rng, 2, 900), a[1], b[0], _ri(rng, 2, 900), b[1],
        d[0], _ri(rng, 2, 900), d[1])


def _s_doc(rng, c):
    m1, m2 = _sa(rng, MEASURES, 2)
    return "%s结合本地实际，研究制定《%s（试行）》，%s，%s。" % (c.unit, _ch(rng, DOCS), m1, m2)


def _s_list(rng, c):
    i1, i2, i3 = _sa(rng, ITEMS, 3)
    return "此次%s重点内容包括：一是%s；二是%s；三是%s。" % (_ch(rng, ("行动", "活动", "整治")), i1, i2, i3)


def _s_partners(rng, c):
    p1, p2 = _sa(rng, PARTNERS, 2)
    return "%s联合%s、%s等部门（单位），%s，%s。" % (c.unit, p1, p2, _ch(rng, MEASURES), _ch(rng, RESULTS))


def _s_quote(rng, c):
    return "“%s。”%s%s%s%s。" % (_ch(rng, QUOTES), c.sub, _role(rng, c), _name(rng),
                              _ch(rng, ("说", "介绍", "表示")))


def _s_honor(rng, c):
    return "%s年，%s%s。" % (_ri(rng, 2018, 2023), c.sub, _ch(rng, HONORS))


def _s_drill(rng, c):
    d = _sa(rng, DRILL, 3)
    return "比武设置了%s、%s、%s等%d个科目，%d名民辅警同场竞技。" % (d[0], d[1], d[2], _ri(rng, 4, 12),
                                                   _ri(rng, 30, 400))


def _s_future(rng, c):
    f1, f2 = _sa(rng, FUTURE, 2)
    return "下一步，%s将%s，%s，为%s贡献公安力量。" % (c.unit, f1, f2, _ch(rng, GOALS))


# (sentence maker, at most this many per article)
_BODY = ((_s_measures, 99), (_s_connect, 99), (_s_problem, 2), (_s_principle, 2), (_s_outreach, 2),
         (_s_incident, 2), (_s_incident, 2), (_s_patrol, 1), (_s_stats, 1), (_s_doc, 1), (_s_list, 1),
         (_s_partners, 1), (_s_quote, 1), (_s_honor, 1), (_s_drill, 1))


_LEADABLE = (_s_measures, _s_measures, _s_principle, _s_doc, _s_partners, _s_outreach)


def _quote_end(rng, c):
    if rng.random() < 0.3:
        return "%s%s感激地说：“%s。”" % (_ch(rng, CITIZENS), _name(rng), _ch(rng, CITIZEN_QUOTES))
    return "%s%s%s表示：“%s。”" % (c.sub, _role(rng, c), _name(rng), _ch(rng, QUOTES))


def _paragraph(rng: random.Random, c: "_Ctx", opening: bool, quote_end: bool) -> str:
    used = c.used
    for _ in range(30):
        target = _ri(rng, 60, 250)
        text = _s_open(rng, c) if opening else ""
        tail = _quote_end(rng, c) if quote_end else ""
        here = []
        if not opening:
            # start with a lead + a sentence about the unit, so that the start
            # of a paragraph reads like one and seldom repeats a mid-paragraph
            # sentence start
            make = _ch(rng, _LEADABLE)
            if used.get(make, 0) >= 1:
                make = _s_measures
            text = _ch(rng, LEADS) + "，" + make(rng, c)
            here.append(make)
        tries = 0
        while len(text) + len(tail) < target and tries < 10:
            tries += 1
            make, cap = _ch(rng, _BODY)
            if make in here or used.get(make, 0) >= cap:
                continue
            s = make(rng, c)
            if len(text) + len(s) + len(tail) <= 250:
                text += s
                here.append(make)
        text += tail
        if 60 <= len(text) <= 250:
            for make in here:
                used[make] = used.get(make, 0) + 1
            return text
    return FALLBACK_PARAGRAPH


def _title(rng: random.Random, c: _Ctx) -> str:
    for _ in range(50):
        r = rng.random()
        if r < 0.35:
            t = _ch(rng, HALVES_A) + " " + _ch(rng, HALVES_B)
        elif r < 0.6:
            t = c.unit + _ch(rng, TITLE_VERBS) + _ch(rng, ACTIVITIES)
        elif r < 0.8:
            t = c.unit + "：" + _ch(rng, COLON_SLOGANS)
        else:
            t = "“%s”%s" % (_ch(rng, QUOTED), _ch(rng, QUOTED_REST))
        n = len(t.replace(" ", ""))
        if 8 <= n <= 22:
            return t
    return "深化巡查工作 筑牢稳定屏障"


def _kicker(rng: random.Random, c: _Ctx, title: str) -> str:
    n = len(title.replace(" ", ""))
    for _ in range(20):
        r = rng.random()
        if r < 0.3:
            k = " ".join(_sa(rng, FOUR, 3))
        elif r < 0.5:
            k = " ".join(_sa(rng, FOUR, 2))
        else:
            k = "%s“%s”" % (c.unit, _ch(rng, KICKER_EVENTS))
        if len(k.replace(" ", "")) != n:
            return k
    return "转变理念 鼓励创新" if n == 12 else "转变理念 鼓励创新 重塑机制"


def _subhead(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "%s %s" % (_ch(rng, FOUR), _ch(rng, FOUR_R))
    for _ in range(20):
        t = _ch(rng, SUB_SUBJ) + _ch(rng, SUB_LINK) + _ch(rng, SUB_OBJ)
        if 9 <= len(t) <= 12:
            return t
    return "科技兴警红利惠及广大群众"


def _web_subhead(rng: random.Random) -> str:
    return "%s%s，%s%s。" % (_ch(rng, WEB_SUB_A), _ch(rng, WEB_SUB_B), _ch(rng, WEB_SUB_C),
                          _ch(rng, WEB_SUB_D))


def _split_point(rng: random.Random, text: str):
    """A position inside a word (between two CJK ideographs) with a left part
    of >= 24 characters holding a ， or 。 and a right part of >= 20
    characters; None if the paragraph has none."""
    first = min((i for i in (text.find("，"), text.find("。")) if i >= 0), default=-1)
    if first < 0:
        return None
    lo = max(24, first + 2)
    cands = [k for k in range(lo, len(text) - 19) if _cjk(text[k - 1]) and _cjk(text[k])]
    return _ch(rng, cands) if cands else None


# ---------------------------------------------------------------- articles
class _Art:
    __slots__ = ("ctx", "kicker", "kicker_gap", "title", "subtitle", "caption", "caption_gap", "dateline",
                 "bylines", "byline_sep", "byline_own_line", "blocks", "pmeta", "pbreak")

    def expected(self) -> dict:
        blocks = []
        if self.caption:
            blocks.append({"type": "figure", "caption": self.caption, "image": None})
        for kind, val in self.blocks:
            if kind == "figure":
                blocks.append({"type": "figure", "caption": None, "image": val})
            else:
                blocks.append({"type": kind, "text": val})
        return {"kicker": self.kicker, "title": self.title, "subtitle": self.subtitle, "dateline": self.dateline,
                "bylines": list(self.bylines), "blocks": blocks}


def _make_article(rng: random.Random, web: bool) -> _Art:
    c = _Ctx(rng)
    a = _Art()
    a.ctx = c
    a.kicker = a.subtitle = a.caption = a.dateline = None
    a.kicker_gap = False
    a.caption_gap = 1
    a.bylines = ()
    a.byline_sep = " "
    a.byline_own_line = False
    a.pbreak = None
    r = rng.random()
    if web:
        a.title = _title(rng, c)
    elif r < 1 / 6:
        a.title = _title(rng, c)
        a.kicker = _kicker(rng, c, a.title)
        a.kicker_gap = rng.random() < 0.5
    elif r < 1 / 6 + 1 / 8:
        a.title, a.subtitle = _sa(rng, COUPLET[_ch(rng, (7, 7, 8))], 2)
    else:
        a.title = _title(rng, c)
    if not web:
        if rng.random() < 0.2:
            a.caption = _ch(rng, CAPTIONS)
            a.caption_gap = _ch(rng, (1, 3))
        if rng.random() < 0.75:
            a.dateline = c.dateline
    npara = _ri(rng, 3, 8) if web else _ri(rng, 2, 8)
    paras, metas = [], []
    for i in range(npara):
        quote_end = rng.random() < 0.15
        paras.append(_paragraph(rng, c, i == 0, quote_end))
        metas.append((i == 0, quote_end))
        if i == npara - 1 and not quote_end and rng.random() < 0.3:
            fut = _s_future(rng, c)
            if len(paras[-1]) + len(fut) <= 250:
                paras[-1] += fut
    # sub-heads: before paragraph g (g >= 1), never two in a row
    heads = ()
    if npara >= 3 and rng.random() < (0.5 if web else 0.25):
        heads = _sa(rng, range(1, npara), _ri(rng, 2, min(3, npara - 1)))
    # web figures: after paragraph i (i < npara - 1), before a sub-head if there is one
    figs = _sa(rng, range(0, npara - 1), _ri(rng, 1, min(4, npara - 1))) if web else ()
    blocks, pmeta = [], {}
    for i, p in enumerate(paras):
        if i in heads:
            blocks.append(("heading", _web_subhead(rng) if web else _subhead(rng)))
        pmeta[len(blocks)] = metas[i]
        blocks.append(("paragraph", p))
        if i in figs:
            blocks.append(("figure", "image.png"))
    a.blocks = blocks
    a.pmeta = pmeta
    if not web:
        n = 2 if rng.random() < 0.2 else 1
        names = []
        while len(names) < n:
            x = _name(rng)
            if x not in names:
                names.append(x)
        a.bylines = tuple(names)
        a.byline_sep = "、" if rng.random() < 0.25 else " "
        a.byline_own_line = rng.random() < 0.4
    return a


def _choose_break(rng: random.Random, a: _Art) -> None:
    """In about one article in three, split one paragraph by a page break."""
    if rng.random() >= 1 / 3:
        return
    pidx = [i for i, b in enumerate(a.blocks) if b[0] == "paragraph"]
    pidx.sort(key=lambda _i: rng.random())
    for bi in pidx:
        k = _split_point(rng, a.blocks[bi][1])
        if k is not None:
            a.pbreak = (bi, k, _ch(rng, (1, 3)))
            return


def _fix_boundaries(rng: random.Random, arts: list) -> None:
    """Make every boundary between two consecutive text blocks (last 6 +
    first 6 characters) absent from all block texts of the issue, so that a
    scorer looking for false joins (shared/tools/parse_eval.py) finds none
    in a perfect parse.  Offending paragraphs are written anew."""
    for _ in range(20):
        texts = []
        for a in arts:
            if a.caption:
                texts.append(a.caption)
            texts.extend(v.replace(" ", "") for k, v in a.blocks if k != "figure")
        big = "\x00".join(texts)
        clean = True
        for a in arts:
            seq = ([(None, a.caption)] if a.caption else []) + [
                (bi, v if k == "paragraph" else v.replace(" ", "")) if k != "figure" else (bi, None)
                for bi, (k, v) in enumerate(a.blocks)]
            for i in range(len(seq) - 1):
                (b0, t0), (b1, t1) = seq[i], seq[i + 1]
                if not t0 or not t1 or (t0[-6:] + t1[:6]) not in big:
                    continue
                clean = False
                bi = b1 if b1 is not None and a.blocks[b1][0] == "paragraph" else b0
                if bi is None or a.blocks[bi][0] != "paragraph":
                    continue
                opening, quote_end = a.pmeta[bi]
                a.blocks[bi] = ("paragraph", _paragraph(rng, a.ctx, opening, quote_end))
                seq[seq.index((bi, t1 if bi == b1 else t0))] = (bi, a.blocks[bi][1])
        if clean:
            return


# ---------------------------------------------------------------- rendering (expected form; damage applied later)
def _byline_text(a: _Art) -> str:
    return "（%s）" % a.byline_sep.join(a.bylines)


def _body_lines(a: _Art, dl_prefix: str, head_prefix: str) -> list:
    out = []
    npar = sum(1 for b in a.blocks if b[0] == "paragraph")
    seen = 0
    for bi, (kind, val) in enumerate(a.blocks):
        if kind == "heading":
            out += [head_prefix + val, ""]
            continue
        seen += 1
        text = val
        pre = dl_prefix if seen == 1 and a.dateline else ""
        post = _byline_text(a) if seen == npar and not a.byline_own_line else ""
        if a.pbreak and a.pbreak[0] == bi:
            k, nb = a.pbreak[1], a.pbreak[2]
            out.append(pre + text[:k])
            out += [""] * nb
            out.append(text[k:] + post)
        else:
            out.append(pre + text + post)
        out.append("")
    if a.byline_own_line:
        out += [_byline_text(a), ""]
    return out


def _render_print(a: _Art) -> list:
    out = []
    if a.kicker:
        out.append(a.kicker)
        if a.kicker_gap:
            out.append("")
    out.append(a.title)
    if a.subtitle:
        out.append(a.subtitle)
    out.append("")
    if a.caption:
        out += [""] * (a.caption_gap - 1)
        out += [a.caption, ""]
    return out + _body_lines(a, (a.dateline or "") + "讯 ", "")


def _render_markdown(a: _Art, first: bool) -> list:
    out = []
    if a.kicker:
        out.append(a.kicker)
    out.append(("# " if first else "## ") + a.title)
    if a.subtitle:
        out.append(a.subtitle)
    out.append("")
    if a.caption:
        out += [""] * (a.caption_gap - 1)
        out += [a.caption, ""]
    return out + _body_lines(a, "**%s讯** " % (a.dateline or ""), "### ")


def _render_web(a: _Art) -> list:
    out = [a.title, ""]
    spacer_open = False   # the last thing written is a closing U+00A0 spacer line
    for kind, val in a.blocks:
        if kind == "paragraph":
            out += [val, ""]
            spacer_open = False
        elif kind == "figure":
            if not spacer_open:
                out += [NBSP, ""]
            out += [val + NBSP, "", NBSP, ""]
            spacer_open = True
        else:
            if not spacer_open:
                out += [NBSP, ""]
            out += [val, "", NBSP, ""]
            spacer_open = True
    return out


# ---------------------------------------------------------------- issues
def _encode(rng_val: float, text: str):
    """(bytes, variant) for one issue; about 3 issues in 20 get a variant."""
    if rng_val < 0.05:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    if rng_val < 0.10:
        return text.replace("\n", "\r\n").encode("utf-8"), "utf-8+crlf"
    if rng_val < 0.15:
        return text.encode("gb18030"), "gb18030"
    return text.encode("utf-8"), "utf-8"


def generate_issue(index: int, articles: int = 20, seed: int = 0, *, style: str | None = None) -> GeneratedIssue:
    """Issue number ``index`` of the corpus for ``seed``.  ``articles`` is the
    number of articles of a print or markdown issue (a web issue always has
    one).  ``style`` forces a style; the random draws stay the same."""
    if articles < 1:
        raise ValueError("articles must be >= 1")
    rng = random.Random(seed * 1_000_003 + index)
    r = rng.random()
    drawn = "print" if r < 0.5 else ("markdown" if r < 0.8 else "web")
    style = style or drawn
    if style not in STYLES:
        raise ValueError("unknown style %r" % style)
    enc_draw = rng.random()
    d = rng.random()
    damage = "all" if d < 0.6 else ("mixed" if d < 0.85 else "none")
    name = "g%06d_%s.txt" % (index, style)
    web = style == "web"
    arts = [_make_article(rng, web) for _ in range(1 if web else articles)]
    _fix_boundaries(rng, arts)
    if not web:
        for a in arts:
            _choose_break(rng, a)
    lines = []
    if style == "print":
        lines += ["", ""]
        for a in arts:
            lines += _render_print(a)
    elif style == "markdown":
        lines += ["", ""]
        for i, a in enumerate(arts):
            lines += _render_markdown(a, i == 0)
    else:
        lines += _render_web(arts[0])
    # ASCII punctuation damage
    if damage == "all":
        lines = [_to_ascii(ln) for ln in lines]
    elif damage == "mixed":
        lines = [_to_ascii(ln) if rng.random() < 0.5 else ln for ln in lines]
    published = source_name = None
    if web:
        y, m, dd = _ri(rng, 2019, 2024), _ri(rng, 1, 12), _ri(rng, 1, 28)
        published = "%04d-%02d-%02d" % (y, m, dd)
        source_name = _ch(rng, WEB_SOURCES)
        header = "发表时间:%s %02d:%02d:%02d%s来源:%s" % (
            published, _ri(rng, 0, 23), _ri(rng, 0, 59), _ri(rng, 0, 59), NBSP * 4, source_name)
        lines[2:2] = [header, ""]
        lines += [NBSP, "", "", "相关阅读:", "", "    无相关信息"]
    while lines and lines[-1] == "":
        lines.pop()
    data, _variant = _encode(enc_draw, "\n".join(lines))
    expected = {"source": name, "published": published, "source_name": source_name,
                "articles": [a.expected() for a in arts]}
    return GeneratedIssue(name=name, style=style, data=data, expected=expected)


def generate_corpus(total_articles: int, per_issue: int = 20, seed: int = 0) -> Iterator[GeneratedIssue]:
    """Issues 0, 1, 2 … until ``total_articles`` articles have been produced
    (the last print/markdown issue gets only the articles still missing)."""
    if per_issue < 1:
        raise ValueError("per_issue must be >= 1")
    done, index = 0, 0
    while done < total_articles:
        issue = generate_issue(index, articles=min(per_issue, total_articles - done), seed=seed)
        done += len(issue.expected["articles"])
        index += 1
        yield issue


def write_corpus(out_dir: str, total_articles: int, per_issue: int = 20, seed: int = 0):
    """Write every source file and ``<name>.json`` into out_dir; returns
    (issues, articles)."""
    os.makedirs(out_dir, exist_ok=True)
    n_iss = n_art = 0
    for iss in generate_corpus(total_articles, per_issue, seed):
        with open(os.path.join(out_dir, iss.name), "wb") as fh:
            fh.write(iss.data)
        with open(os.path.join(out_dir, iss.name + ".json"), "w", encoding="utf-8") as fh:
            json.dump(iss.expected, fh, ensure_ascii=False, indent=1)
        n_iss += 1
        n_art += len(iss.expected["articles"])
    return n_iss, n_art


# ---------------------------------------------------------------- self-check
_FOLD_PAIRS = ((",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"))


def normalize(s: str) -> str:
    """NFKC, white space removed, ASCII , : ; ( ) ! ? folded to full width
    (the comparison of shared/tools/parse_eval.py)."""
    s = "".join(unicodedata.normalize("NFKC", s).split())
    for a, b in _FOLD_PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


def decode(data: bytes) -> str:
    """bytes -> text as a parser would: UTF-8 (BOM or not), else GB18030;
    CRLF folded to LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text.replace("\r\n", "\n")


def _check_issue(iss: GeneratedIssue) -> None:
    exp = iss.expected
    assert list(exp) == ["source", "published", "source_name", "articles"], list(exp)
    assert exp["source"] == iss.name
    text = decode(iss.data)
    S = normalize(text)
    cur = 0

    def find(piece, what):
        nonlocal cur
        p = normalize(piece)
        pos = S.find(p, cur)
        assert pos >= 0, "%s: %s %r not found in order" % (iss.name, what, piece[:30])
        cur = pos + len(p)

    if iss.style == "web":
        assert len(exp["articles"]) == 1
        assert exp["published"] and exp["source_name"]
        assert "发表时间:" + exp["published"] in text and "相关阅读:" in text
    else:
        assert exp["published"] is None and exp["source_name"] is None
    for a in exp["articles"]:
        assert list(a) == ["kicker", "title", "subtitle", "dateline", "bylines", "blocks"], list(a)
        for role in ("kicker", "title", "subtitle"):
            if a[role]:
                find(a[role], role)
                assert a[role][-1] not in PUNCT or a[role][-1] in "”》", a[role]
        t = a["title"].replace(" ", "")
        if a["subtitle"]:
            assert len(a["subtitle"]) == len(a["title"]) and " " not in a["title"] + a["subtitle"]
            assert a["kicker"] is None
        else:
            assert 8 <= len(t) <= 22, a["title"]
        if a["kicker"]:
            assert len(a["kicker"].replace(" ", "")) != len(t)
        prev = None
        for b in a["blocks"]:
            if b["type"] == "paragraph":
                assert set(b) == {"type", "text"}
                if a["dateline"] and prev in (None, "figure"):
                    find(a["dateline"] + "讯", "dateline")
                s = b["text"]
                assert 60 <= len(s) <= 250 and s.endswith(FINAL), s
                assert not any(ch in s for ch in ",:;()"), s
                find(s, "paragraph")
            elif b["type"] == "heading":
                assert set(b) == {"type", "text"}
                assert prev in ("paragraph", "figure")
                find(b["text"], "heading")
            else:
                assert list(b) == ["type", "caption", "image"]
                assert (b["caption"] is None) != (b["image"] is None)
                find(b["caption"] or b["image"], "figure")
            prev = b["type"]
        assert a["blocks"] and a["blocks"][-1]["type"] == "paragraph"
        if iss.style == "web":
            assert a["bylines"] == [] and a["dateline"] is None
        else:
            assert a["bylines"]
            for n in a["bylines"]:
                find(n, "byline")
    # no boundary between two consecutive blocks shows up inside any block
    texts = [normalize(b.get("text") or b.get("caption") or "") for a in exp["articles"] for b in a["blocks"]
             if b.get("text") or b.get("caption")]
    big = "\x00".join(texts)
    for a in exp["articles"]:
        bl = a["blocks"]
        for i in range(len(bl) - 1):
            t0 = bl[i].get("text") or bl[i].get("caption")
            t1 = bl[i + 1].get("text") or bl[i + 1].get("caption")
            if t0 and t1:
                key = normalize(t0)[-6:] + normalize(t1)[:6]
                assert key not in big, "%s: boundary %s shows up inside a block" % (iss.name, key)


def selfcheck(n_articles: int = 2000, verbose: bool = True) -> bool:
    """Assert determinism and that every expected text appears, in order, in
    the normalised decoded source.  Raises AssertionError on failure."""
    t0 = time.perf_counter()
    # determinism: same arguments -> identical bytes and expectation
    for seed in (0, 7):
        for i in (0, 1, 2, 3, 17, 123):
            a, b = generate_issue(i, 20, seed), generate_issue(i, 20, seed)
            assert a == b and a.data == b.data, (seed, i)
    c1 = [(x.name, x.data, json.dumps(x.expected, ensure_ascii=False)) for x in generate_corpus(400, 20, 3)]
    c2 = [(x.name, x.data, json.dumps(x.expected, ensure_ascii=False)) for x in generate_corpus(400, 20, 3)]
    assert c1 == c2
    assert sum(len(json.loads(x[2])["articles"]) for x in c1) == 400
    assert generate_issue(5, 20, 0).data != generate_issue(5, 20, 1).data
    # forcing a style keeps the draws; every style works for any index
    for st in STYLES:
        x = generate_issue(9, 4, 2, style=st)
        assert x.style == st and x.name.endswith("_%s.txt" % st)
        _check_issue(x)
    # contents
    counts = {"issues": 0, "articles": 0, "bom": 0, "crlf": 0, "gb18030": 0, "kicker": 0, "subtitle": 0,
              "dateline": 0, "caption": 0, "heading": 0, "page_break": 0}
    styles = {s: 0 for s in STYLES}
    for seed in (0, 1):
        for iss in generate_corpus(n_articles // 2, 20, seed):
            _check_issue(iss)
            counts["issues"] += 1
            styles[iss.style] += 1
            counts["articles"] += len(iss.expected["articles"])
            if iss.data.startswith(b"\xef\xbb\xbf"):
                counts["bom"] += 1
            if b"\r\n" in iss.data:
                counts["crlf"] += 1
            try:
                iss.data.decode("utf-8")
            except UnicodeDecodeError:
                counts["gb18030"] += 1
            joined = "\n".join(normalize(ln) for ln in decode(iss.data).split("\n"))
            for a in iss.expected["articles"]:
                counts["kicker"] += a["kicker"] is not None
                counts["subtitle"] += a["subtitle"] is not None
                counts["dateline"] += a["dateline"] is not None
                counts["caption"] += any(b["type"] == "figure" and b["caption"] for b in a["blocks"])
                counts["heading"] += any(b["type"] == "heading" for b in a["blocks"])
                # a page break: a paragraph that is not on one source line
                counts["page_break"] += sum(1 for b in a["blocks"] if b["type"] == "paragraph"
                                            and normalize(b["text"]) not in joined)
    for k in ("bom", "crlf", "gb18030", "kicker", "subtitle", "dateline", "caption", "heading", "page_break"):
        assert counts[k] > 0, k
    assert all(styles.values()), styles
    if verbose:
        print("selfcheck OK in %.2fs: %s styles=%s" % (time.perf_counter() - t0, counts, styles))
    return True


# ---------------------------------------------------------------- CLI
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate synthetic newspaper issues with their expected parses.")
    ap.add_argument("--articles", type=int, help="total number of articles to generate")
    ap.add_argument("--per-issue", type=int, default=20, help="articles per print/markdown issue (default 20)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--selfcheck", action="store_true", help="run the self-check and exit")
    args = ap.parse_args(argv)
    if args.selfcheck:
        selfcheck()
        return 0
    if args.articles is None or not args.out:
        ap.error("--articles and --out are required (or use --selfcheck)")
    t0 = time.perf_counter()
    n_iss, n_art = write_corpus(args.out, args.articles, args.per_issue, args.seed)
    print("wrote %d issues, %d articles to %s in %.2fs" % (n_iss, n_art, args.out, time.perf_counter() - t0),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
