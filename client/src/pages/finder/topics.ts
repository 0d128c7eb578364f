/** The finder's "Thema" choice uses the shared taxonomy (labels: `topic.<key>` in i18n). */
export { TOPIC_KEYS, TOPIC_TREE, isTopicKey, type MainTopic, type TopicKey } from '@beratung/shared/topics';
