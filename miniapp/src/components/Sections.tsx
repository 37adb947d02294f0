import { Text, View } from '@tarojs/components'
import type { Section } from '../lib/privacy'
import './Sections.css'

/** Titled paragraphs, one card each: the privacy guide, 举报须知, the help page's questions. */
export default function Sections({ sections, prefix }: { sections: readonly Section[]; prefix: string }) {
  return (
    <>
      {sections.map((s, i) => (
        <View key={s.title} id={`${prefix}-${i}`} className='card doc-section'>
          <Text className='doc-section__title'>{s.title}</Text>
          {s.paragraphs.map((p) => (
            <Text key={p} className='doc-section__text'>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </>
  )
}
