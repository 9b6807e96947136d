/** The panel's CSS, scoped by its shadow root so it neither leaks into nor inherits from the app. */
export const STYLES = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #e6e8ee; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input, textarea, select { font: inherit; color: inherit; }
button { cursor: pointer; border: 1px solid #3a4152; background: #252a36; border-radius: 6px; padding: 4px 10px; }
button:hover:not(:disabled) { background: #303746; }
button:disabled, button.primary:disabled, button.danger:disabled { background: #1a1d24; border-color: #262b35; color: #5c6373; cursor: not-allowed; }
button.primary { background: #2f5bd3; border-color: #2f5bd3; color: #fff; }
button.primary:hover:not(:disabled) { background: #3d6ae6; }
button.danger { border-color: #8a3037; color: #ffb4b8; }
button.danger:hover:not(:disabled) { background: #4a1f24; }
button.danger.solid { background: #b3323c; border-color: #b3323c; color: #fff; }
button.link { border: none; background: none; padding: 2px 4px; color: #9db7ff; text-decoration: underline; }
:focus-visible { outline: 2px solid #7aa2ff; outline-offset: 2px; }
code, .mono, pre, textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }

.toggle { position: relative; display: flex; align-items: center; gap: 6px; padding: 7px 12px; border-radius: 999px;
  background: #161a22; border: 1px solid #3a4152; box-shadow: 0 4px 16px rgba(0,0,0,.35); font-weight: 600; }
.dot { width: 9px; height: 9px; border-radius: 50%; background: #6b7280; display: inline-block; flex: none; }
.dot.ok { background: #34c38f; } .dot.pending { background: #f0b429; } .dot.bad { background: #f25f5c; }

.panel { position: fixed; right: 16px; bottom: 64px; width: min(900px, calc(100vw - 32px)); height: min(640px, calc(100vh - 88px));
  display: flex; flex-direction: column; background: #12151c; border: 1px solid #2c3240; border-radius: 10px;
  box-shadow: 0 12px 40px rgba(0,0,0,.5); overflow: hidden; }
/* Docked (panel-layout.ts): along the bottom or the right side, sized by --pgboot-size; the button moves out of its way. */
:host([data-dock="bottom"]) .panel { left: 0; right: 0; bottom: 0; width: auto; height: var(--pgboot-size, 320px); border-radius: 0; border-width: 1px 0 0; }
:host([data-dock="right"]) .panel { top: 0; right: 0; bottom: 0; height: auto; width: var(--pgboot-size, 480px); border-radius: 0; border-width: 0 0 0 1px; }
:host([data-dock="bottom"][data-open]) { bottom: calc(var(--pgboot-size, 320px) + 12px); }
:host([data-dock="right"][data-open]) { right: calc(var(--pgboot-size, 480px) + 16px); }
.resize-handle { position: absolute; z-index: 2; }
:host([data-dock="bottom"]) .resize-handle { top: 0; left: 0; right: 0; height: 6px; cursor: ns-resize; }
:host([data-dock="right"]) .resize-handle { top: 0; bottom: 0; left: 0; width: 6px; cursor: ew-resize; }
.resize-handle:hover, .resize-handle:focus-visible { background: #7aa2ff66; outline: none; }
.dock { display: inline-flex; gap: 2px; }
.dock button { padding: 2px 7px; line-height: 1.2; }
.dock button[aria-pressed="true"] { background: #253056; border-color: #3d5bb0; }
header { display: flex; align-items: center; gap: 10px; padding: 10px 12px; border-bottom: 1px solid #2c3240; background: #161a22; }
header h2 { font-size: 14px; margin: 0; font-weight: 650; }
header .summary { color: #a5adbd; flex: 1; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.summary .pending { color: #f0b429; } .summary .bad { color: #f25f5c; }

.error-box { margin: 10px 12px 0; border: 1px solid #8a3037; background: #2a1418; border-radius: 8px; padding: 8px 10px; max-height: 180px; overflow: auto; }
.error-box .head { display: flex; align-items: center; gap: 8px; color: #ffb4b8; font-weight: 600; }
.error-box .head span { flex: 1; }
.error-box pre { margin: 6px 0 0; white-space: pre-wrap; word-break: break-word; color: #ffd9db; }

[role="tablist"] { display: flex; gap: 2px; padding: 8px 12px 0; border-bottom: 1px solid #2c3240; }
[role="tab"] { border: none; border-bottom: 2px solid transparent; border-radius: 6px 6px 0 0; background: none; padding: 6px 12px; color: #a5adbd; }
[role="tab"][aria-selected="true"] { color: #fff; border-bottom-color: #7aa2ff; background: #1b2029; }
[role="tab"] .count { margin-left: 6px; padding: 0 6px; border-radius: 8px; background: #2c3240; font-size: 11px; }
[role="tabpanel"] { flex: 1; overflow: auto; padding: 10px 12px; }
footer { padding: 6px 12px; border-top: 1px solid #2c3240; color: #a5adbd; min-height: 30px; display: flex; gap: 8px; align-items: center; }
footer .busy::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 50%;
  border: 2px solid #7aa2ff; border-right-color: transparent; animation: spin .8s linear infinite; vertical-align: -1px; }
@keyframes spin { to { transform: rotate(360deg); } }

.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 10px; }
.toolbar .spacer { flex: 1; }
.note { color: #8b93a5; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: 600; color: #a5adbd; font-size: 12px; border-bottom: 1px solid #2c3240; padding: 4px 6px; position: sticky; top: 0; background: #12151c; }
td { border-bottom: 1px solid #1f2430; padding: 5px 6px; vertical-align: top; }
td.nowrap { white-space: nowrap; }
tr.drifted td, tr.unknown td { background: #221519; }
tr.pending td { background: #1f1c12; }
.badge { display: inline-block; padding: 0 7px; border-radius: 999px; font-size: 11px; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.applied, .badge.up { color: #7ee2b8; border-color: #2d6b53; }
.badge.pending { color: #f6d06b; border-color: #7a6122; }
.badge.empty { color: #a5adbd; border-color: #3a4152; border-style: dashed; }
.not-open { color: #c9cfdb; } .not-open ul { margin: 4px 0; padding-left: 20px; }
.badge.drifted, .badge.unknown, .badge.failed { color: #ff9ea3; border-color: #8a3037; }
.badge.down { color: #c9b3ff; border-color: #5b4a8a; }
.badge.snapshot, .badge.restore, .badge.reset, .badge.adopt { color: #9db7ff; border-color: #34497f; }
.badge.ooo { color: #f6d06b; border-color: #7a6122; margin-left: 4px; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.desc { color: #8b93a5; font-size: 12px; }
.checksums { font-size: 12px; color: #ff9ea3; }
.row-actions { white-space: nowrap; text-align: right; }
.row-actions button { padding: 2px 8px; font-size: 12px; }
details pre, td pre { margin: 4px 0 0; white-space: pre-wrap; word-break: break-word; color: #ffd9db; }
.empty { color: #8b93a5; padding: 16px 0; }

textarea { width: 100%; min-height: 96px; resize: vertical; background: #0c0e13; border: 1px solid #2c3240; border-radius: 6px; padding: 8px; }
input[type="text"], select { background: #0c0e13; border: 1px solid #2c3240; border-radius: 6px; padding: 4px 8px; }
.result { margin-top: 10px; }
.result h3 { font-size: 12px; color: #a5adbd; font-weight: 600; margin: 8px 0 4px; }
.result td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; word-break: break-word; max-width: 360px; }
.null { color: #6b7280; font-style: italic; }
.query-error { color: #ffb4b8; white-space: pre-wrap; word-break: break-word; margin: 8px 0 0; }

.schema { display: grid; grid-template-columns: minmax(160px, 240px) 1fr; gap: 12px; height: 100%; }
.schema ul { list-style: none; margin: 0; padding: 0; overflow: auto; }
.schema li button { width: 100%; text-align: left; border: none; background: none; padding: 4px 6px; border-radius: 4px; }
.schema li button[aria-current="true"] { background: #253056; color: #fff; }
.schema .kind { color: #8b93a5; font-size: 11px; margin-left: 4px; }

.confirm-backdrop { position: absolute; inset: 0; background: rgba(6,8,12,.7); display: flex; align-items: center; justify-content: center; padding: 16px; }
.confirm { background: #1b2029; border: 1px solid #3a4152; border-radius: 10px; padding: 14px 16px; width: min(480px, 100%); box-shadow: 0 12px 40px rgba(0,0,0,.6); }
.confirm h3 { margin: 0 0 8px; font-size: 14px; }
.confirm .body { color: #c9cfdb; }
.confirm ul { margin: 6px 0; padding-left: 20px; }
.confirm label { display: flex; gap: 6px; align-items: center; margin-top: 10px; color: #c9cfdb; }
.confirm .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
`;
