export default definePageConfig({ navigationBarTitleText: '登记表决票送达' });
