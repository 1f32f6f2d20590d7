import type { QuestionnaireInput } from '../../src';
import { GIOI_TINH, NHOM_TUOI, SO_NAM_CONG_TAC, YES_NO, chucVu, commentSection, weighted } from '../options';

/**
 * Own-unit forms: division leaders and civil servants rate the agency, district or commune
 * they work in. One builder for both groups and all three unit types, so the scored
 * questions (and their criteria) stay identical and scores compare across groups.
 */
type Group = 'lanh_dao_phong' | 'cong_chuc';
type UnitType = 'so' | 'huyen' | 'xa';

const UNIT_WORDS: Record<UnitType, { id: string; noun: string }> = {
  so: { id: 'so', noun: 'sở, ban, ngành' },
  huyen: { id: 'huyen', noun: 'UBND cấp huyện' },
  xa: { id: 'xa', noun: 'UBND xã, phường' },
};

const GROUP_WORDS: Record<Group, { id: string; title: string; chucVu: [string, string][] }> = {
  lanh_dao_phong: {
    id: 'lanh-dao-phong',
    title: 'lãnh đạo cấp phòng và tương đương',
    chucVu: [
      ['truong_phong', 'Trưởng phòng hoặc tương đương'],
      ['pho_truong_phong', 'Phó Trưởng phòng hoặc tương đương'],
    ],
  },
  cong_chuc: {
    id: 'cong-chuc',
    title: 'công chức',
    chucVu: [
      ['chuyen_vien_chinh', 'Chuyên viên chính hoặc tương đương trở lên'],
      ['chuyen_vien', 'Chuyên viên hoặc tương đương'],
      ['can_su', 'Cán sự, nhân viên'],
    ],
  },
};

export function ownUnitQuestionnaire(group: Group, unitType: UnitType): QuestionnaireInput {
  const g = GROUP_WORDS[group];
  const u = UNIT_WORDS[unitType];
  return {
    id: `${g.id}-${u.id}`,
    version: 1,
    title: `Phiếu khảo sát ${g.title} về công tác cải cách hành chính tại cơ quan, đơn vị (${u.noun})`,
    intro:
      'Sở Nội vụ tỉnh tổ chức khảo sát để xác định Chỉ số cải cách hành chính. Phiếu không ghi tên, không lưu thông tin nào cho biết ai đã trả lời; ý kiến của anh/chị chỉ được tổng hợp theo nhóm. Phiếu mất khoảng 10 phút.',
    group,
    mode: 'own_unit',
    unitType,
    estimatedMinutes: 10,
    sections: [
      {
        id: 'thong-tin',
        title: 'Thông tin chung về người trả lời',
        description: 'Chỉ dùng để thống kê theo nhóm, không dùng để nhận diện người trả lời.',
        questions: [GIOI_TINH, NHOM_TUOI, chucVu(g.chucVu), SO_NAM_CONG_TAC],
      },
      {
        id: 'chi-dao-dieu-hanh',
        title: 'Công tác chỉ đạo, điều hành cải cách hành chính',
        questions: [
          { id: 'q1_1', kind: 'single', required: true, criterion: '1.1', text: 'Việc thực hiện kế hoạch cải cách hành chính năm nay của cơ quan, đơn vị anh/chị được đánh giá như thế nào?', options: weighted() },
          { id: 'q1_2', kind: 'single', required: true, criterion: '1.2', text: 'Công tác tuyên truyền về cải cách hành chính trong cơ quan, đơn vị anh/chị được thực hiện như thế nào?', options: weighted(['Thường xuyên, hiệu quả', 'Thường xuyên nhưng chưa hiệu quả', 'Không thường xuyên', 'Hầu như không có']) },
          { id: 'q1_3', kind: 'single', required: true, criterion: '1.3', text: 'Người đứng đầu cơ quan, đơn vị quan tâm, sâu sát chỉ đạo cải cách hành chính ở mức nào?', options: weighted(['Rất sâu sát', 'Sâu sát', 'Chưa thật sự sâu sát', 'Không quan tâm']) },
        ],
      },
      {
        id: 'the-che',
        title: 'Cải cách thể chế',
        questions: [
          { id: 'q2_1', kind: 'single', required: true, criterion: '2.1', text: 'Các văn bản do cơ quan, đơn vị anh/chị tham mưu ban hành có kịp thời, phù hợp với thực tiễn không?', options: weighted(['Rất kịp thời, phù hợp', 'Kịp thời, phù hợp', 'Còn chậm hoặc chưa phù hợp', 'Chậm và không phù hợp']) },
          { id: 'q2_2', kind: 'single', required: true, criterion: '2.2', text: 'Việc tổ chức thực hiện và kiểm tra thi hành pháp luật trong lĩnh vực cơ quan, đơn vị quản lý được đánh giá thế nào?', options: weighted() },
        ],
      },
      {
        id: 'thu-tuc-hanh-chinh',
        title: 'Cải cách thủ tục hành chính',
        questions: [
          { id: 'xu_ly_ho_so', kind: 'single', required: true, text: 'Trong năm, anh/chị có trực tiếp tiếp nhận hoặc giải quyết hồ sơ thủ tục hành chính không?', options: YES_NO },
          {
            id: 'q3_2_1',
            kind: 'single',
            required: true,
            criterion: '3.2.1',
            text: 'Hồ sơ thủ tục hành chính tại cơ quan, đơn vị anh/chị được giải quyết đúng hạn ở mức nào?',
            help: 'Chỉ hỏi người trực tiếp tiếp nhận hoặc giải quyết hồ sơ.',
            relevant: { op: '=', q: 'xu_ly_ho_so', value: 'co' },
            options: weighted(['Hầu hết đúng hoặc trước hạn', 'Phần lớn đúng hạn', 'Nhiều hồ sơ trễ hạn', 'Phần lớn trễ hạn']),
          },
        ],
      },
      {
        id: 'to-chuc-bo-may',
        title: 'Cải cách tổ chức bộ máy',
        questions: [
          { id: 'q4_1', kind: 'single', required: true, criterion: '4.1', text: 'Chức năng, nhiệm vụ giữa các phòng, bộ phận trong cơ quan, đơn vị được phân định rõ ràng ở mức nào?', options: weighted(['Rất rõ ràng', 'Rõ ràng', 'Còn chồng chéo', 'Rất chồng chéo']) },
          { id: 'q4_2', kind: 'single', required: true, criterion: '4.2', text: 'Việc phân cấp, ủy quyền giải quyết công việc trong cơ quan, đơn vị được thực hiện thế nào?', options: weighted() },
        ],
      },
      {
        id: 'che-do-cong-vu',
        title: 'Cải cách chế độ công vụ',
        questions: [
          { id: 'q5_1', kind: 'single', required: true, criterion: '5.1', text: 'Việc tuyển dụng, bổ nhiệm, bố trí công chức có công khai, minh bạch không?', options: weighted(['Rất công khai, minh bạch', 'Công khai, minh bạch', 'Chưa thật sự minh bạch', 'Không minh bạch']) },
          { id: 'q5_2', kind: 'single', required: true, criterion: '5.2', text: 'Việc đánh giá, xếp loại và khen thưởng công chức có khách quan, thực chất không?', options: weighted(['Rất khách quan', 'Khách quan', 'Còn hình thức', 'Không khách quan']) },
          { id: 'q5_3', kind: 'single', required: true, criterion: '5.3', text: 'Việc chấp hành kỷ luật, kỷ cương hành chính và đạo đức công vụ trong cơ quan, đơn vị được đánh giá thế nào?', options: weighted() },
        ],
      },
      {
        id: 'tai-chinh-cong',
        title: 'Cải cách tài chính công',
        questions: [
          { id: 'q6_1', kind: 'single', required: true, criterion: '6.1', text: 'Cơ quan, đơn vị công khai tài chính, ngân sách và tài sản công ở mức nào?', options: weighted(['Đầy đủ, kịp thời', 'Đầy đủ nhưng chưa kịp thời', 'Chưa đầy đủ', 'Không công khai']) },
          { id: 'q6_2', kind: 'single', required: true, criterion: '6.2', text: 'Quy chế chi tiêu nội bộ được xây dựng dân chủ và thực hiện nghiêm túc ở mức nào?', options: weighted() },
        ],
      },
      {
        id: 'chinh-quyen-so',
        title: 'Chính quyền điện tử, chính quyền số',
        questions: [
          { id: 'q7_2', kind: 'single', required: true, criterion: '7.2', text: 'Cơ quan, đơn vị ứng dụng công nghệ thông tin, hồ sơ điện tử trong chỉ đạo, điều hành và xử lý công việc ở mức nào?', options: weighted(['Rất hiệu quả', 'Hiệu quả', 'Chưa hiệu quả', 'Hầu như không ứng dụng']) },
        ],
      },
      commentSection('Góp ý của anh/chị để cơ quan, đơn vị làm tốt hơn công tác cải cách hành chính'),
    ],
  };
}
