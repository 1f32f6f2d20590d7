import type { CampaignDefinitionInput } from '../src';

/**
 * The demo PAR index: eight fields (the seven classic ones plus the 2025 "impact" field),
 * and the criteria scored by the survey with their maximum points, summing to the survey's
 * share of 30 of the 100 index points. Self-assessed criteria are left out: the survey
 * system only needs the part it scores.
 */
export const DEMO_INDEX: CampaignDefinitionInput['index'] = {
  surveyShare: 30,
  fields: [
    {
      code: 'LV1',
      name: 'Công tác chỉ đạo, điều hành cải cách hành chính',
      criteria: [
        { code: '1.1', name: 'Mức độ thực hiện kế hoạch cải cách hành chính', maxPoints: 1 },
        { code: '1.2', name: 'Công tác tuyên truyền cải cách hành chính', maxPoints: 1 },
        { code: '1.3', name: 'Sự sâu sát của người đứng đầu trong chỉ đạo cải cách hành chính', maxPoints: 1 },
      ],
    },
    {
      code: 'LV2',
      name: 'Cải cách thể chế',
      criteria: [
        { code: '2.1', name: 'Chất lượng văn bản quy phạm pháp luật do cơ quan tham mưu ban hành', maxPoints: 1.5 },
        { code: '2.2', name: 'Tổ chức thi hành pháp luật', maxPoints: 1.5 },
      ],
    },
    {
      code: 'LV3',
      name: 'Cải cách thủ tục hành chính',
      criteria: [
        {
          code: '3.1',
          name: 'Công khai thủ tục hành chính',
          maxPoints: 2,
          subCriteria: [
            { code: '3.1.1', name: 'Công khai đầy đủ, kịp thời thủ tục hành chính', maxPoints: 1 },
            { code: '3.1.2', name: 'Thông tin thủ tục hành chính dễ tiếp cận, dễ hiểu', maxPoints: 1 },
          ],
        },
        {
          code: '3.2',
          name: 'Giải quyết thủ tục hành chính',
          maxPoints: 3.5,
          subCriteria: [
            { code: '3.2.1', name: 'Giải quyết hồ sơ đúng hạn', maxPoints: 1.5 },
            { code: '3.2.2', name: 'Không yêu cầu thành phần hồ sơ ngoài quy định', maxPoints: 1 },
            { code: '3.2.3', name: 'Thái độ, tinh thần phục vụ của công chức', maxPoints: 1 },
          ],
        },
        { code: '3.3', name: 'Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân', maxPoints: 1.5 },
      ],
    },
    {
      code: 'LV4',
      name: 'Cải cách tổ chức bộ máy hành chính nhà nước',
      criteria: [
        { code: '4.1', name: 'Phân định rõ chức năng, nhiệm vụ giữa các bộ phận', maxPoints: 1.5 },
        { code: '4.2', name: 'Phân cấp, ủy quyền và hướng dẫn cấp dưới', maxPoints: 1.5 },
      ],
    },
    {
      code: 'LV5',
      name: 'Cải cách chế độ công vụ',
      criteria: [
        { code: '5.1', name: 'Công khai, minh bạch trong tuyển dụng, bố trí công chức', maxPoints: 1.5 },
        { code: '5.2', name: 'Đánh giá, khen thưởng công chức khách quan, thực chất', maxPoints: 1.5 },
        { code: '5.3', name: 'Chấp hành kỷ luật, kỷ cương hành chính', maxPoints: 2 },
      ],
    },
    {
      code: 'LV6',
      name: 'Cải cách tài chính công',
      criteria: [
        { code: '6.1', name: 'Công khai tài chính, ngân sách và tài sản công', maxPoints: 1.5 },
        { code: '6.2', name: 'Thực hiện quy chế chi tiêu nội bộ', maxPoints: 1.5 },
      ],
    },
    {
      code: 'LV7',
      name: 'Xây dựng, phát triển chính quyền điện tử, chính quyền số',
      criteria: [
        { code: '7.1', name: 'Chất lượng dịch vụ công trực tuyến', maxPoints: 2 },
        { code: '7.2', name: 'Ứng dụng công nghệ thông tin trong chỉ đạo, điều hành và xử lý hồ sơ công việc', maxPoints: 2 },
      ],
    },
    {
      code: 'LV8',
      name: 'Tác động của cải cách hành chính đến phát triển kinh tế - xã hội',
      criteria: [
        { code: '8.1', name: 'Tác động đến môi trường đầu tư, kinh doanh', maxPoints: 1 },
        { code: '8.2', name: 'Tác động đến đời sống của người dân', maxPoints: 1 },
      ],
    },
  ],
};
