/* GB 32100-2015 unified social credit codes: the check character and what the first eight
 * characters say. The weights are 3^(i-1) mod 31 (data/README.md). */
#include "util/uscc.h"
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int value_of(char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

enum uscc_problem uscc_check(const char *code, char *expected)
{
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    if (!code || strlen(code) != 18)
        return USCC_LENGTH;
    int sum = 0;
    for (int i = 0; i < 18; i++) {
        int v = value_of(code[i]);
        if (v < 0)
            return USCC_CHARSET;
        if (i < 17)
            sum += v * weights[i];
    }
    for (int i = 2; i < 8; i++)
        if (code[i] < '0' || code[i] > '9')
            return USCC_REGION;
    char check = alphabet[(31 - sum % 31) % 31];
    if (code[17] != check) {
        if (expected)
            *expected = check;
        return USCC_CHECK;
    }
    return USCC_OK;
}

/* The registering authorities and their categories (GB 32100-2015, annex A). */
static const struct {
    char code;
    const char *authority;
    const char *categories[10]; /* by the category digit; NULL: none named */
} authorities[] = {
    {'1', "机构编制", {[1] = "机关", [2] = "事业单位", [3] = "群众团体", [9] = "其他"}},
    {'2', "外交", {[1] = "外国常驻新闻机构", [9] = "其他"}},
    {'3',
     "司法行政",
     {[1] = "律师执业机构",
      [2] = "公证处",
      [3] = "基层法律服务所",
      [4] = "司法鉴定机构",
      [5] = "仲裁委员会",
      [9] = "其他"}},
    {'4', "文化", {[1] = "外国在华文化中心", [9] = "其他"}},
    {'5', "民政", {[1] = "社会团体", [2] = "民办非企业单位", [3] = "基金会", [9] = "其他"}},
    {'6',
     "旅游",
     {[1] = "外国旅游部门常驻代表机构", [2] = "港澳台地区旅游部门常驻代表机构", [9] = "其他"}},
    {'7', "宗教", {[1] = "宗教活动场所", [2] = "宗教院校", [9] = "其他"}},
    {'8', "工会", {[1] = "基层工会", [9] = "其他"}},
    {'9', "工商/市场监管", {[1] = "企业", [2] = "个体工商户", [3] = "农民专业合作社"}},
    {'A', "中央军委改革和编制办公室", {[1] = "军队事业单位", [9] = "其他"}},
    {'N',
     "农业",
     {[1] = "组级集体经济组织",
      [2] = "村级集体经济组织",
      [3] = "乡镇级集体经济组织",
      [9] = "其他"}},
    {'Y', "其他", {NULL}},
};

bool uscc_decode(const char *code, struct uscc_info *info)
{
    if (!uscc_valid(code))
        return false;
    info->authority = "";
    info->category = "";
    for (size_t i = 0; i < sizeof authorities / sizeof authorities[0]; i++) {
        if (authorities[i].code != code[0])
            continue;
        info->authority = authorities[i].authority;
        int c = value_of(code[1]);
        if (c >= 0 && c < 10 && authorities[i].categories[c])
            info->category = authorities[i].categories[c];
    }
    memcpy(info->region, code + 2, 6);
    info->region[6] = '\0';
    info->national = strcmp(info->region, "100000") == 0;
    return true;
}
