/*
 * 数据导入 (/alerts/imports): upload a department's export of service cases (or a file for a declared data set),
 * watch the upload percentage, then read the cleaning report. Stable ids for browser flows:
 *   #imports-tabs; service cases: #import-file (the file input), [data-testid=import-file-name], #import-start, #import-cancel,
 *   [data-testid=import-progress], [data-testid=import-phase], [data-testid=import-error],
 *   [data-testid=import-report], [data-testid=import-imported|import-updated|import-unchanged|import-rejected],
 *   [data-testid=import-rejections] (every fault of the rejected rows: line, field, reason), [data-testid=import-notices],
 *   #import-template-xlsx, #import-template-csv, #import-report-download;
 *   a data set: the same ids with the prefix `dataset-import-` instead of `import-`; the data set list and
 *   declaration form ids are listed in DatasetsPanel.tsx; 导入记录 (tab `history`): ids in ImportHistory.tsx.
 */
import { Card, Tabs, Typography } from 'antd'
import { downloadServiceCaseTemplate, uploadServiceCases } from './api'
import { DatasetsPanel } from './DatasetsPanel'
import { FileImport } from './FileImport'
import { ImportHistory } from './ImportHistory'
import { importFieldLabels } from './labels'

export { checkImportFile } from './FileImport'

function fieldText(field: string): string {
  const label = importFieldLabels[field]
  return label ? `${label}（${field}）` : field
}

export default function ImportsPage() {
  return (
    <Card title="数据导入">
      <Tabs
        id="imports-tabs"
        items={[
          {
            key: 'service-cases',
            label: '办件数据',
            children: (
              <>
                <Typography.Paragraph>
                  导入政务服务办件数据（CSV 或 XLSX，首行为表头，中英文表头均可，UTF-8 或 GB18030 编码）。同一办件编号再次导入将更新该办件；无法清洗的行将列出行号、字段和全部原因。可先下载模板，按表头填写。
                </Typography.Paragraph>
                <FileImport
                  idPrefix="import"
                  prompt="点击或拖拽办件数据文件到此处"
                  upload={uploadServiceCases}
                  fieldText={fieldText}
                  downloadTemplate={downloadServiceCaseTemplate}
                />
              </>
            ),
          },
          { key: 'datasets', label: '数据集（数据碰撞）', children: <DatasetsPanel /> },
          // read afresh each time it is opened: an upload in the other tabs adds a row
          { key: 'history', label: '导入记录', children: <ImportHistory />, destroyInactiveTabPane: true },
        ]}
      />
    </Card>
  )
}
