import { Text, View } from '@tarojs/components'
import type { Section } from '../../lib/privacy'

export default function Sections({ sections, prefix }: { sections: readonly Section[]; prefix: string }) {
  return (
    <>
      {sections.map((s, i) => (
        <View key={s.title} id={`${prefix}-${i}`} className='card about__section'>
          <Text className='about__title'>{s.title}</Text>
          {s.paragraphs.map((p) => (
            <Text key={p} className='about__text'>
              {p}
            </Text>
          ))}
        </View>
      ))}
    </>
  )
}
