import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { LocalReceipt } from '../lib/receipts'
import { forgetReceipt, localReceipts } from '../services/receipts'

interface Props {
  /** fills the query code; the citizen still types the secret */
  onPick(receipt: LocalReceipt): void
}

/** The 保密 reports filed from this device, listed from its own storage: the server cannot tell which they are. */
export default function LocalReceipts({ onPick }: Props) {
  const [items, setItems] = useState<LocalReceipt[]>(() => localReceipts())
  useDidShow(() => setItems(localReceipts()))
  if (!items.length) return null
  return (
    <View id='local-receipts' className='card'>
      <Text className='track__heading'>本机的保密反映</Text>
      <Text id='local-receipts-note' className='muted'>
        仅保存在本机：服务器不知道哪些保密反映是您提交的。点一条填入查询码，再输入查询密码查看。
      </Text>
      {items.map((r, i) => (
        <View key={r.serial} id={`local-receipt-${i}`} className='track__mine'>
          <View className='track__row' onClick={() => onPick(r)}>
            <Text>{r.serial}</Text>
            <Text className='muted'>{r.submittedOn}</Text>
          </View>
          <Text className='muted' onClick={() => onPick(r)}>
            查询码 {r.queryCode}
          </Text>
          <Text
            id={`local-receipt-forget-${i}`}
            className='muted'
            onClick={() => {
              forgetReceipt(r.serial)
              setItems(localReceipts())
            }}
          >
            从本机删除
          </Text>
        </View>
      ))}
    </View>
  )
}
