export default definePageConfig({ navigationBarTitleText: '认领房屋' });
