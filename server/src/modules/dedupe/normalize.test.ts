import { describe, expect, it } from "vitest";
import {
  companyDomains,
  editDistance,
  emailDomain,
  isFreeMailDomain,
  nameSimilarity,
  nameTokens,
  normalizeCompanyName,
  toE164,
  websiteHost,
} from "./normalize";

describe("normalizeCompanyName", () => {
  it.each([
    ["ACME TRADING CO., LTD.", "acme trading"],
    ["Acme Trading Company Limited", "acme trading"],
    ["Acme Trading (HK) Ltd", "acme trading"],
    ["Acme (Shanghai) Trading Co.,Ltd.", "acme trading"],
    ["Müller & Söhne GmbH & Co. KG", "muller and sohne"],
    ["Müller und Söhne KG", "muller and sohne"],
    ["Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo"],
    ["Kowalski Sp. z o.o.", "kowalski"],
    ["Kowalski sp.z o. o.", "kowalski"],
    ["L'Oréal S.A.", "loreal"],
    ["The Coca-Cola Company", "coca cola"],
    ["PT Maju Jaya Tbk", "maju jaya"],
    ["Yılmaz Tekstil San. ve Tic. Ltd. Şti.", "yilmaz tekstil"],
    ["Straße Handels-GmbH", "strasse handels"],
    ["ООО «Ромашка»", "ромашка"],
    ["株式会社トヨタ", "トヨタ"],
    ["トヨタ株式会社", "トヨタ"],
    ["ソニー㈱", "ソニー"],
    ["华为技术有限公司", "华为技术"],
    ["西门子（中国）有限公司", "西门子"],
    ["ＡＣＭＥ　ＴＲＡＤＩＮＧ", "acme trading"],
    ["ACME贸易有限公司", "acme 贸易"],
    ["Hansen GmbX", "hansen"],
  ])("%s → %s", (name, normalized) => {
    expect(normalizeCompanyName(name)).toBe(normalized);
  });

  it("keeps words that are legal forms elsewhere when they are part of the name", () => {
    expect(normalizeCompanyName("AG Trading Partners Ltd")).toBe("ag trading partners");
    expect(normalizeCompanyName("Spa Resort Holdings SpA")).toBe("spa resort holdings");
    expect(normalizeCompanyName("SA Breweries")).toBe("sa breweries");
  });

  it("never empties a non-empty name", () => {
    expect(normalizeCompanyName("Company Limited")).toBe("company limited");
    expect(normalizeCompanyName("GmbH")).toBe("gmbh");
    expect(normalizeCompanyName("(株)")).toBe("株");
    expect(normalizeCompanyName("!!!")).toBe("!!!");
  });
});

describe("nameTokens", () => {
  it("keeps distinctive words and drops generic and stop words", () => {
    expect(nameTokens("shenzhen bright star electronics")).toEqual(["shenzhen", "bright", "star"]);
    expect(nameTokens("rossi import export")).toEqual(["rossi"]);
    expect(nameTokens("van dijk bloemen")).toEqual(["dijk", "bloemen"]);
  });

  it("falls back to the generic words of a name made only of them", () => {
    expect(nameTokens("global trading")).toEqual(["global", "trading"]);
  });

  it("cuts CJK names into bigrams of their distinctive characters", () => {
    expect(nameTokens("上海振华重工集团")).toEqual(["上海", "海振", "振华", "华重", "重工"]);
    expect(nameTokens("华为技术")).toEqual(["华为"]);
  });
});

describe("nameSimilarity", () => {
  const similarity = (a: string, b: string) =>
    nameSimilarity(normalizeCompanyName(a), normalizeCompanyName(b));

  it("forgives one typo per word, a dropped generic word and spacing", () => {
    expect(similarity("Hansen Trading", "Hamsen Trading")).toBeGreaterThan(0.8);
    expect(similarity("Hansen Maschinenbau GmbH", "Hansen GmbH")).toBeGreaterThan(0.75);
    expect(similarity("Sun Power Ltd", "Sunpower Inc")).toBe(1);
  });

  it("separates a dropped distinctive word and different words", () => {
    expect(similarity("Ocean Star Trading", "Ocean Trading")).toBeLessThan(0.6);
    expect(similarity("Global Tech GmbH", "Global Tex GmbH")).toBeLessThan(0.3);
    expect(similarity("中兴通讯", "中华通讯")).toBeLessThan(0.5);
  });

  it("counts an adjacent swap as one edit", () => {
    expect(editDistance("schmidt", "schmitd")).toBe(1);
    expect(editDistance("华为", "华为")).toBe(0);
  });

  it("measures words longer than its reused rows, and after them short ones again", () => {
    expect(editDistance(`${"a".repeat(150)}b`, "a".repeat(151))).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("web and e-mail domains", () => {
  it("reads the website host without www", () => {
    expect(websiteHost("https://WWW.Acme.DE/en/contact")).toBe("acme.de");
    expect(websiteHost("acme.co.uk")).toBe("acme.co.uk");
    expect(websiteHost("shop.acme.de:8080")).toBe("shop.acme.de");
    expect(websiteHost("not a website")).toBeNull();
    expect(websiteHost("")).toBeNull();
  });

  it("reads the e-mail domain", () => {
    expect(emailDomain("J.Doe@Sales.Acme.DE")).toBe("sales.acme.de");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("user@localhost")).toBeNull();
  });

  it.each([
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.fr",
    "hotmail.co.uk",
    "hotmail.fr",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.jp",
    "yahoo.com.cn",
    "aol.com",
    "icloud.com",
    "proton.me",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "mail.ru",
    "yandex.ru",
    "yandex.com.tr",
    "163.com",
    "vip.163.com",
    "126.com",
    "qq.com",
    "foxmail.com",
    "sina.com",
    "naver.com",
    "rediffmail.com",
    "seznam.cz",
    "wp.pl",
    "libero.it",
    "orange.fr",
    "uol.com.br",
  ])("%s is a free-mail domain", (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each(["acme.de", "sinamics.com", "liveoak.com", "outlookindia.com", "eu.acme.co.uk"])(
    "%s is a company domain",
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );

  it("collects the registrable company domains of website and contacts", () => {
    expect(
      companyDomains("https://www.shop.acme.de", [
        "j.doe@eu.acme.de",
        "buyer@gmail.com",
        "boss@yahoo.co.uk",
        "agent@partner.co.uk",
      ]),
    ).toEqual(["acme.de", "partner.co.uk"]);
    expect(companyDomains("https://www.facebook.com/acme", ["acme@163.com"])).toEqual([]);
    expect(companyDomains(null, [])).toEqual([]);
  });
});

describe("toE164", () => {
  it("reads national numbers in the customer's country and international ones anywhere", () => {
    expect(toE164("030 1234567", "DE")).toBe("+49301234567");
    expect(toE164("0049 30 1234567")).toBe("+49301234567");
    expect(toE164("+86 138 0013 8000", "DE")).toBe("+8613800138000");
    expect(toE164("(212) 555-0123", "us")).toBe("+12125550123");
  });

  it("rejects what is not a phone number", () => {
    expect(toE164("garbage", "DE")).toBeNull();
    expect(toE164("12", "DE")).toBeNull();
    expect(toE164("")).toBeNull();
  });
});
