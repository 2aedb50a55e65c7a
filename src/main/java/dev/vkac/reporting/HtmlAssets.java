package dev.vkac.reporting;

/** index.html's stylesheet and script, apart from the page's content ({@link HtmlReport}). */
final class HtmlAssets {

    /** The whole look of the page: inline, so that it opens offline. */
    static final String STYLE = """
            body{font:14px/1.35 system-ui,sans-serif;margin:1em 1.5em;color:#222}
            h1{font-size:1.5em;margin:.2em 0;padding:.15em .4em}h1.PASSED #overall{color:#1e7a3c}
            h1.FAILED #overall,h1.ERROR #overall,h1.INTERRUPTED #overall{color:#c5221f}h1.RUNNING #overall{color:#b06000}
            h2{font-size:1.15em;margin:1.2em 0 .4em}
            p{margin:.3em 0}
            table{border-collapse:separate;border-spacing:0;margin:.4em 0}
            th,td{border:solid #d5d5d5;border-width:0 1px 1px 0;padding:.2em .45em;text-align:left;vertical-align:top}
            tr:first-child>*{border-top-width:1px}tr>:first-child{border-left-width:1px}
            th{background:#f3f3f3}
            .PASSED{background:#eef7f0;color:#2f7a45}.FAILED,.ERROR{background:#fce8e6;color:#a50e0e;font-weight:600}
            .SKIPPED,.DISABLED,.PENDING{background:#f1f3f4;color:#666}
            #cause{background:#fce8e6;padding:.6em;white-space:pre-wrap}
            code{font-size:.92em}
            #summary td{text-align:right;min-width:3.5em}#summary td.zero{background:none;color:#aaa;font-weight:normal}
            #summary th[scope=row]{font-weight:normal}#summary th,#summary td{padding:.1em .5em;font-size:13px}
            .legend{color:#555;font-size:.9em}
            .marker{display:inline-block;width:4px;height:1em;vertical-align:middle;background:#f29900}
            #filter label{margin-right:1em;white-space:nowrap}
            #matrix{font-size:13px}
            #matrix thead th{position:sticky;top:0;z-index:2;vertical-align:bottom}
            #matrix .step-col,#matrix .check-col{position:sticky;z-index:1;background:#fff}
            #matrix thead .step-col,#matrix thead .check-col{z-index:3;background:#f3f3f3}
            #matrix .step-col{left:0;width:3em;min-width:3em;max-width:3em;box-sizing:border-box;text-align:right;color:#777}
            #matrix .check-col{left:3em;min-width:14em;max-width:24em}
            #matrix .check-col code{font-weight:600;line-height:1.2}
            #matrix tbody td{padding-top:.15em;padding-bottom:.15em}
            #matrix .must{font-size:11px;line-height:1.25;color:#555;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
            #matrix tr.differs .check-col{box-shadow:inset 4px 0 #f29900}
            #matrix th.server{font-size:11px;font-weight:normal;line-height:1.2;min-width:4.5em;max-width:7em}
            #matrix td.cell{position:relative;text-align:center;vertical-align:middle;white-space:nowrap;font-size:12px}
            #matrix[data-rows=failing] tr.check:not(.failing),#matrix[data-rows=differs] tr.check:not(.differs){display:none}
            td.cell summary{cursor:pointer;list-style:none}td.cell summary::-webkit-details-marker{display:none}
            td.cell summary::after{content:" \\25BE";font-size:.75em}
            td.cell .why{position:absolute;z-index:4;top:100%;left:0;width:34em;max-width:80vw;max-height:20em;overflow:auto;
              background:#fff;color:#222;font-weight:normal;border:1px solid #999;box-shadow:0 3px 10px rgba(0,0,0,.25);
              padding:.5em .6em;text-align:left;white-space:pre-wrap;font-size:12px}
            td.cell:nth-last-child(-n+4) .why{left:auto;right:0}
            #runs td,#configuration td{font-size:.92em}
            details>summary.section{cursor:pointer;font-weight:600;font-size:1.15em;margin:1.2em 0 .4em}
            """;

    /** Shows the filter only where scripts run (without them it could not work), and applies the reader's choice. */
    static final String FILTER_SCRIPT = """
            <script>
            (function () {
              var filter = document.getElementById('filter'), matrix = document.getElementById('matrix');
              filter.hidden = false;
              filter.addEventListener('change', function (event) { matrix.dataset.rows = event.target.value; });
            })();
            </script>
            """;

    private HtmlAssets() {}
}
