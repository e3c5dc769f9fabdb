/**
 * SOP-27: the places a destination is read from. China's 34 provincial divisions (their short
 * names are the policy's `coverage.regions`), with the other names people write for them and
 * their prefecture-level cities (with a few county-level cities people name on their own), so
 * that "拉萨" is in 西藏 and "Urumqi" in 新疆; and the names of places abroad, which no branch
 * covers. Data only: coverage.ts reads it.
 */

export interface Region {
  /** The short name, as the policy lists it: 新疆, 西藏, 香港. */
  name: string;
  /** The full name and other ways of writing it (Chinese, then English, lower case). */
  aliases: readonly string[];
  /** Its cities (Chinese short names; English in lower case). */
  cities: readonly string[];
  /** Mainland China (中国大陆): not Hong Kong, Macau or Taiwan. */
  mainland: boolean;
}

const list = (s: string): string[] =>
  s
    .split(/[|,]/)
    .map((w) => w.trim())
    .filter(Boolean);

function region(name: string, aliases: string, cities: string, mainland = true): Region {
  return { name, aliases: list(aliases), cities: list(cities), mainland };
}

export const REGIONS: readonly Region[] = [
  region("北京", "北京市|beijing|peking", ""),
  region("天津", "天津市|tianjin", ""),
  region("上海", "上海市|shanghai", ""),
  region("重庆", "重庆市|chongqing", ""),
  region("河北", "河北省|hebei", "石家庄|唐山|秦皇岛|邯郸|邢台|保定|张家口|承德|沧州|廊坊|衡水|shijiazhuang"),
  region("山西", "山西省|shanxi", "太原|大同|阳泉|长治|晋城|朔州|晋中|运城|忻州|临汾|吕梁|taiyuan"),
  region(
    "内蒙古",
    "内蒙古自治区|内蒙|inner mongolia",
    "呼和浩特|包头|乌海|赤峰|通辽|鄂尔多斯|呼伦贝尔|巴彦淖尔|乌兰察布|兴安盟|锡林郭勒|阿拉善|hohhot|baotou",
  ),
  region(
    "辽宁",
    "辽宁省|liaoning",
    "沈阳|大连|鞍山|抚顺|本溪|丹东|锦州|营口|阜新|辽阳|盘锦|铁岭|朝阳|葫芦岛|shenyang|dalian",
  ),
  region("吉林", "吉林省|jilin", "长春|吉林|四平|辽源|通化|白山|松原|白城|延边|changchun"),
  region(
    "黑龙江",
    "黑龙江省|heilongjiang",
    "哈尔滨|齐齐哈尔|鸡西|鹤岗|双鸭山|大庆|伊春|佳木斯|七台河|牡丹江|黑河|绥化|大兴安岭|harbin",
  ),
  region(
    "江苏",
    "江苏省|jiangsu",
    "南京|无锡|徐州|常州|苏州|南通|连云港|淮安|盐城|扬州|镇江|泰州|宿迁|昆山|江阴|常熟|张家港|宜兴|nanjing|suzhou|wuxi|yangzhou|changzhou|nantong|xuzhou",
  ),
  region(
    "浙江",
    "浙江省|zhejiang",
    "杭州|宁波|温州|嘉兴|湖州|绍兴|金华|衢州|舟山|台州|丽水|义乌|慈溪|余姚|乐清|瑞安|hangzhou|ningbo|wenzhou|yiwu|shaoxing",
  ),
  region(
    "安徽",
    "安徽省|anhui",
    "合肥|芜湖|蚌埠|淮南|马鞍山|淮北|铜陵|安庆|黄山|滁州|阜阳|宿州|六安|亳州|池州|宣城|hefei",
  ),
  region(
    "福建",
    "福建省|fujian",
    "福州|厦门|莆田|三明|泉州|漳州|南平|龙岩|宁德|晋江|石狮|fuzhou|xiamen|quanzhou",
  ),
  region("江西", "江西省|jiangxi", "南昌|景德镇|萍乡|九江|新余|鹰潭|赣州|吉安|宜春|抚州|上饶|nanchang"),
  region(
    "山东",
    "山东省|shandong",
    "济南|青岛|淄博|枣庄|东营|烟台|潍坊|济宁|泰安|威海|日照|临沂|德州|聊城|滨州|菏泽|jinan|qingdao|yantai",
  ),
  region(
    "河南",
    "河南省|henan",
    "郑州|开封|洛阳|平顶山|安阳|鹤壁|新乡|焦作|濮阳|许昌|漯河|三门峡|南阳|商丘|信阳|周口|驻马店|济源|zhengzhou|luoyang",
  ),
  region(
    "湖北",
    "湖北省|hubei",
    "武汉|黄石|十堰|宜昌|襄阳|鄂州|荆门|孝感|荆州|黄冈|咸宁|随州|恩施|仙桃|潜江|天门|神农架|wuhan",
  ),
  region(
    "湖南",
    "湖南省|hunan",
    "长沙|株洲|湘潭|衡阳|邵阳|岳阳|常德|张家界|益阳|郴州|永州|怀化|娄底|湘西|changsha",
  ),
  region(
    "广东",
    "广东省|guangdong|canton",
    "广州|韶关|深圳|珠海|汕头|佛山|江门|湛江|茂名|肇庆|惠州|梅州|汕尾|河源|阳江|清远|东莞|中山|潮州|揭阳|云浮|guangzhou|shenzhen|zhuhai|dongguan|foshan|shantou|zhongshan",
  ),
  region(
    "广西",
    "广西壮族自治区|广西自治区|guangxi",
    "南宁|柳州|桂林|梧州|北海|防城港|钦州|贵港|玉林|百色|贺州|河池|来宾|崇左|nanning|guilin",
  ),
  region("海南", "海南省|hainan", "海口|三亚|三沙|儋州|琼海|万宁|haikou|sanya"),
  region(
    "四川",
    "四川省|sichuan",
    "成都|自贡|攀枝花|泸州|德阳|绵阳|广元|遂宁|内江|乐山|南充|眉山|宜宾|广安|达州|雅安|巴中|资阳|阿坝|甘孜|凉山|chengdu",
  ),
  region("贵州", "贵州省|guizhou", "贵阳|六盘水|遵义|安顺|毕节|铜仁|黔西南|黔东南|黔南|guiyang"),
  region(
    "云南",
    "云南省|yunnan",
    "昆明|曲靖|玉溪|保山|昭通|丽江|普洱|临沧|楚雄|红河|文山|西双版纳|大理|德宏|怒江|迪庆|kunming|lijiang|dali",
  ),
  region("西藏", "西藏自治区|tibet|xizang", "拉萨|日喀则|昌都|林芝|山南|那曲|阿里|lhasa|shigatse"),
  region("陕西", "陕西省|shaanxi", "西安|铜川|宝鸡|咸阳|渭南|延安|汉中|榆林|安康|商洛|xian|xi an"),
  region(
    "甘肃",
    "甘肃省|gansu",
    "兰州|嘉峪关|金昌|白银|天水|武威|张掖|平凉|酒泉|庆阳|定西|陇南|临夏|甘南|lanzhou|dunhuang|敦煌",
  ),
  region("青海", "青海省|qinghai", "西宁|海东|海北|黄南|海南州|果洛|玉树|海西|格尔木|xining"),
  region("宁夏", "宁夏回族自治区|ningxia", "银川|石嘴山|吴忠|固原|中卫|yinchuan"),
  region(
    "新疆",
    "新疆维吾尔自治区|xinjiang",
    "乌鲁木齐|克拉玛依|吐鲁番|哈密|昌吉|博尔塔拉|巴音郭楞|阿克苏|克孜勒苏|喀什|和田|伊犁|塔城|阿勒泰|石河子|库尔勒|奎屯|伊宁|urumqi|kashgar|kashi",
  ),
  region("香港", "香港特别行政区|香港特区|hong kong|hongkong|hk", "九龙|新界|kowloon", false),
  region("澳门", "澳门特别行政区|澳門|macau|macao", "", false),
  region("台湾", "台湾省|臺灣|台灣|taiwan", "台北|高雄|台中|台南|新北|基隆|taipei|kaohsiung|taichung", false),
];

/** The 31 provincial divisions of the mainland: the default coverage (SOP-27). */
export const MAINLAND_REGIONS: readonly string[] = REGIONS.filter((r) => r.mainland).map((r) => r.name);

/** Places abroad, which no branch of the network delivers to (Chinese, then English, lower case). */
export const ABROAD: readonly string[] = list(
  [
    "国外|海外|境外|外国|出国|国际|美国|日本|韩国|朝鲜|英国|法国|德国|意大利|西班牙|俄罗斯|加拿大|澳大利亚|澳洲|新西兰",
    "新加坡|马来西亚|泰国|越南|菲律宾|印尼|印度尼西亚|印度|缅甸|柬埔寨|老挝|蒙古国|巴基斯坦|迪拜|阿联酋|荷兰|瑞士|巴西",
    "东京|大阪|首尔|纽约|洛杉矶|伦敦|巴黎|悉尼|墨尔本|温哥华|多伦多|吉隆坡|曼谷|莫斯科",
    "abroad|overseas|international|usa|united states|america|japan|korea|uk|united kingdom|england|britain|france",
    "germany|italy|spain|russia|canada|australia|new zealand|singapore|malaysia|thailand|vietnam|philippines",
    "indonesia|india|dubai|netherlands|switzerland|brazil|tokyo|osaka|seoul|new york|los angeles|london|paris",
    "sydney|melbourne|vancouver|toronto|kuala lumpur|bangkok|moscow",
  ].join("|"),
);

/** A region by any of its names (short, full, English), or undefined. */
export function regionNamed(name: string): Region | undefined {
  const key = name.normalize("NFKC").trim().toLowerCase();
  return REGIONS.find((r) => r.name === key || r.aliases.includes(key));
}
