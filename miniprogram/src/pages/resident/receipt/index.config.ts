export default definePageConfig({ navigationBarTitleText: '核验回执' });
