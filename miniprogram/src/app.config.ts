// Tab labels are Chinese here (the manifest is static); PageShell relabels them for Tibetan at run time.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/consultations/index', 'pages/projects/index', 'pages/me/index', 'pages/privacy/index', 'pages/login/index'],
  // Committee / street-office / official workbench: a subpackage, so residents never download it.
  subPackages: [
    // Resident detail screens (notices, votes, projects, forms): loaded on first use, keeping the main package small.
    {
      root: 'pages/resident',
      pages: [
        'claim/index',
        'dwellings/index',
        'notices/index',
        'notice/index',
        'consultation/index',
        'receipt/index',
        'receipts/index',
        'project/index',
        'pledge/index',
        'rating/index',
        'proxies/index',
        'alerts/index',
      ],
    },
    {
      root: 'pages-staff',
      pages: [
        'index/index',
        'consultation-new/index',
        'consultation/index',
        'paper-ballot/index',
        'reviews/index',
        'notice-new/index',
        'notice/index',
        'roster/index',
        'project/index',
        'dashboard/index',
        'delivery/index',
        'project-plan/index',
        'project-new/index',
        'print/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b0302a',
    navigationBarTitleText: '共治',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f4ee',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#b0302a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      {
        pagePath: 'pages/consultations/index',
        text: '议事',
        iconPath: 'assets/tabbar/consultations.png',
        selectedIconPath: 'assets/tabbar/consultations-active.png',
      },
      { pagePath: 'pages/projects/index', text: '项目', iconPath: 'assets/tabbar/projects.png', selectedIconPath: 'assets/tabbar/projects-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Required by WeChat for wx.getPrivacySetting / the privacy popup (base library ≥ 2.32.3).
  __usePrivacyCheck__: true,
  // Residents open a notice or a vote from 首页 right away: fetch the resident subpackage in the background there.
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['pages/resident'] } },
  lazyCodeLoading: 'requiredComponents',
});
