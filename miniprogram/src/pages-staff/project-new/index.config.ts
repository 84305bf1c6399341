export default definePageConfig({ navigationBarTitleText: '新建改造项目' });
