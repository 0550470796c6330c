"""The page's CSS: chat turns with their cards directly under each answer, readable at 390 px."""

CSS = """
#chat .transcript {max-height: 70vh; overflow-y: auto; padding: 4px}
#chat .empty {color: #57606a; padding: 24px 8px}
#chat .turn {margin: 0 0 18px 0}
#chat .msg {border-radius: 10px; padding: 8px 12px; margin: 6px 0; line-height: 1.6; overflow-wrap: anywhere}
#chat .msg p {margin: 4px 0}
#chat .msg ul {margin: 4px 0 4px 1.2em; padding: 0}
#chat .user {background: #e8f0fe; margin-left: 15%}
#chat .bot {background: #f6f8fa; border: 1px solid #d0d7de; margin-right: 5%}
#chat .pending {opacity: .8}
#chat .notice {color: #57606a; font-style: italic}
#chat .refusal {color: #8a6d3b}
#chat a.cite {color: #0969da; text-decoration: none; font-weight: 600; padding: 0 1px}
#chat a.cite:hover {text-decoration: underline}
#chat .tools {display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap}
#chat .act {border: 1px solid #d0d7de; border-radius: 6px; background: #fff; padding: 2px 8px; cursor: pointer;
            font-size: 13px; min-height: 28px}
#chat .cards {margin: 0 5% 0 12px; border-left: 3px solid #d0d7de; padding-left: 8px}
#chat .card {border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; margin: 6px 0; background: #fafbfc;
             font-size: 14px}
#chat .card:focus {outline: 2px solid #0969da}
#chat .card .label {font-weight: 600}
#chat .card .quote {margin: 4px 0; color: #24292f}
#chat .card mark {background: #fff3b0}
#chat .card .wrong {margin-top: 4px}
#sources .rel, #probe-results .rel {display: block; color: #57606a; font-size: 13px; margin-left: 1.4em}
#sources details, #probe-results details {margin: 6px 0}
#doc-view .node {margin: 2px 0 2px 0}
#doc-view .children {margin-left: 1.2em}
#doc-view summary {cursor: pointer; font-weight: 600}
#doc-view .item summary {font-weight: 400}
#doc-view .node-text {color: #24292f; margin: 2px 0 6px 1.2em}
.task-wrap {overflow-x: auto}
table.tasks {border-collapse: collapse; font-size: 13px; width: 100%; min-width: 900px}
table.tasks th, table.tasks td {border: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; text-align: left}
table.tasks th {background: #f6f8fa; position: sticky; top: 0}
table.tasks .clause {max-width: 40em; color: #24292f; margin-top: 4px}
table.tasks td.short {white-space: nowrap}
table.tasks td.task {min-width: 14em}
table.tasks td.cite {min-width: 16em}
table.tasks summary {cursor: pointer; color: #0969da}
@media (max-width: 600px) {
  #chat .user {margin-left: 0}
  #chat .bot {margin-right: 0}
  #chat .cards {margin: 0 0 0 4px}
  #chat .transcript {max-height: none}
}
"""
