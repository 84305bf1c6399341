export default definePageConfig({ navigationBarTitleText: '新建表决' });
