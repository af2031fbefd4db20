/**
 * The panel's styles, adopted into its shadow root when the UI loads: nothing here can
 * reach the page, and the page's rules cannot reach in. Tones colour timeline rows by
 * kind; every colour also comes with a text label, so colour is never the only cue.
 *
 * @example
 * ```ts
 * adoptStyles(root, PANEL_CSS)
 * ```
 */
export const PANEL_CSS = `
.header{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:6px 8px;border-bottom:1px solid #3b4252;background:#262b35}
.title{font-weight:700;margin-right:4px}
.badge{padding:2px 8px;border-radius:10px;background:#3b4252;font:600 11px/1.4 system-ui,sans-serif}
.badge[data-status=connected]{background:#3f5a3a;color:#d8f0c8}
.badge[data-status=connecting],.badge[data-status=reconnecting]{background:#6b5a2a;color:#fff1c9}
.badge[data-status=disconnected]{background:#6b2e33;color:#ffd9dc}
.tabs{display:flex;gap:2px;margin:0 8px}
.spacer-flex{flex:1}
button,select,input{font:12px/1.2 system-ui,sans-serif;color:#e5e9f0;background:#2e3440;border:1px solid #4c566a;border-radius:4px;padding:3px 8px}
button{cursor:pointer}button:hover{background:#3b4252}
button:disabled{opacity:.5;cursor:default}
button[aria-pressed=true],button[aria-selected=true]{background:#4c566a;border-color:#88c0d0}
button:focus-visible,select:focus-visible,input:focus-visible,.list:focus-visible{outline:2px solid #88c0d0;outline-offset:1px}
.tab{border-radius:4px 4px 0 0}
.banner{padding:4px 8px;background:#5e4b8b;color:#fff;display:flex;gap:8px;align-items:center}
.message{padding:4px 8px;background:#6b2e33;color:#ffd9dc}
.body{flex:1;min-height:0;display:flex;flex-direction:column}
.view{flex:1;min-height:0;display:flex;flex-direction:column}
.toolbar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 8px;border-bottom:1px solid #3b4252}
.count{color:#a0a8b7;margin-left:auto}
.list{position:relative;flex:1;min-height:60px;overflow:auto;font:12px/20px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;contain:strict}
.spacer{width:1px}
.row{position:absolute;left:0;right:0;top:0;display:grid;gap:8px;padding:0 8px;white-space:nowrap;cursor:pointer;border-left:3px solid transparent}
.row>span{overflow:hidden;text-overflow:ellipsis}
.row:hover{background:#2a303b}.row.selected{background:#3b4252}
.columns{display:grid;gap:8px;padding:2px 8px 2px 11px;color:#a0a8b7;font:600 11px/1.4 system-ui,sans-serif;border-bottom:1px solid #3b4252}
.timeline .row,.timeline .columns{grid-template-columns:92px 34px 150px 140px 1fr}
.frames .row,.frames .columns{grid-template-columns:92px 44px 64px 130px 120px 50px 1fr}
@container (max-width:560px){
.timeline .row,.timeline .columns{grid-template-columns:84px 30px minmax(0,1fr) minmax(0,1fr)}
.timeline .row>:nth-child(4),.timeline .columns>:nth-child(4){display:none}
.frames .row,.frames .columns{grid-template-columns:84px 40px minmax(0,1fr) minmax(0,1fr) 56px}
.frames .row>:is(:nth-child(3),:nth-child(6)),.frames .columns>:is(:nth-child(3),:nth-child(6)){display:none}}
.row[data-tone=command]{border-left-color:#81a1c1}.row[data-tone=command] .kind{color:#81a1c1}
.row[data-tone=message]{border-left-color:#a3be8c}.row[data-tone=message] .kind{color:#a3be8c}
.row[data-tone=channel]{border-left-color:#b48ead}.row[data-tone=channel] .kind{color:#b48ead}
.row[data-tone=connection]{border-left-color:#88c0d0}.row[data-tone=connection] .kind{color:#88c0d0}
.row[data-tone=problem]{border-left-color:#bf616a}.row[data-tone=problem] .kind,.row[data-tone=problem] .type{color:#e8a0a7}
.row[data-direction=out] .dir{color:#81a1c1}.row[data-direction=in] .dir{color:#a3be8c}
.time,.size,.muted{color:#8f99ab}
.rtt{color:#ebcb8b}
.detail{flex:0 0 38%;min-height:80px;display:flex;flex-direction:column;border-top:1px solid #3b4252;background:#232832}
.detail-head{display:flex;gap:8px;align-items:center;padding:4px 8px;border-bottom:1px solid #3b4252}
.detail-head .what{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
pre{margin:0;padding:6px 8px;overflow:auto;flex:1;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word}
.scroll{flex:1;min-height:0;overflow:auto}
table{border-collapse:collapse;width:100%;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
th{position:sticky;top:0;background:#262b35;text-align:left;font:600 11px/1.4 system-ui,sans-serif;color:#a0a8b7}
th,td{padding:3px 8px;border-bottom:1px solid #2e3440;white-space:nowrap;max-width:360px;overflow:hidden;text-overflow:ellipsis}
tbody tr{cursor:pointer}tbody tr:hover{background:#2a303b}tbody tr.selected{background:#3b4252}
.state[data-state=joined]{color:#a3be8c}.state[data-state=joining],.state[data-state=offline],.state[data-state=leaving]{color:#ebcb8b}
.state[data-state=rejected],.state[data-state=errored],.state[data-state=closed]{color:#e8a0a7}
.body{container-type:inline-size}
.connection{display:grid;grid-template-columns:minmax(240px,1fr) 2fr;grid-template-rows:minmax(0,1fr);flex:1;min-height:0}
.connection>.side{overflow:auto;padding:8px}
.connection>.scroll{border-left:1px solid #3b4252}
.facts{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 12px;align-content:start}
.facts dt{color:#a0a8b7}.facts dd{margin:0}
.chart{margin-top:12px}.chart svg{display:block;width:100%;max-width:420px;height:100px;background:#232832;border-radius:4px}
@container (max-width:560px){.connection{grid-template-columns:1fr;grid-template-rows:auto minmax(0,1fr)}
.connection>.side{display:grid;grid-template-columns:auto minmax(0,1fr);gap:12px;align-items:start}
.chart{margin-top:0}.chart svg{height:64px}
.connection>.scroll{border-left:0;border-top:1px solid #3b4252}}
.chart polyline{fill:none;stroke:#ebcb8b;stroke-width:1.5}
.chart text{fill:#a0a8b7;font:10px system-ui,sans-serif}
.log{list-style:none;margin:0;padding:8px;font:12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.log li[data-what=closed],.log li[data-what=heartbeat-missed]{color:#e8a0a7}
.log li[data-what=reconnect]{color:#ebcb8b}
.empty{padding:12px;color:#8f99ab}
`
